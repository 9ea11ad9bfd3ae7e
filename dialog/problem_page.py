"""A public problem's page as visitors without a session see it, stored whole (views/problems.py).

Its key holds the problem's `updated_at` (every save; splitting touches it too), the version of
its discussion (comments and a moderator hiding it, kept by `portal.community`) and
`version_name(pk)`, which `changed(pk)` replaces: a new answer, milestone, timeline entry,
co-author, file or norm (signals connected in `integration`), a support (`supporting`), a saved
merged or split-off part. The time limit covers the clock (the «Срок ответа истёк» badge) and
what nothing announces: a renamed direction, municipality or problem node.
"""

from dialog.models import Problem
from portal import caching
from portal.community.models.base import thread_version

SHARED_PAGE_SECONDS = 60
NAME = "dialog:problem"


def version_name(problem_id):
    return f"{NAME}:{problem_id}"


def changed(problem_id):
    if problem_id is not None:
        caching.bump(version_name(problem_id))


def shared_key(request, pk):
    """The key of the page as every visitor without a session sees it, or None (a signed-in
    reader; a problem that is not public: nothing is stored for made-up or hidden ones)."""
    if caching.shared_page_key(request, NAME) is None:
        return None
    updated_at = Problem.objects.public().filter(pk=pk).values_list("updated_at", flat=True).first()
    if updated_at is None:
        return None
    return caching.shared_page_key(
        request,
        NAME,
        pk,
        updated_at.timestamp(),
        thread_version(Problem, pk),
        version_name=version_name(pk),
    )

"""A problem's page from the cache: whole for visitors without a session (a public problem),
and the parts every reader sees (text, support, answers, timeline) for everyone else; the view
adds what is the reader's own (support and co-author buttons, forms, the staff's section).

Both keys hold the problem's `updated_at` (every save; splitting touches it too), the version of
its discussion (comments and a moderator hiding it, kept by `portal.community`) and
`version_name(pk)`, which `changed(pk)` replaces: a new answer, milestone, timeline entry,
co-author, file or norm (signals connected in `integration`), a support (`supporting`), a saved
merged or split-off part. The time limit covers the clock (the «Срок ответа истёк» badge) and
what nothing announces: a renamed direction, municipality or problem node.
"""

from django.core.cache import cache
from django.template.loader import render_to_string

from dialog.models import Problem, Support
from portal import caching
from portal.community.models.base import thread_version

SHARED_PAGE_SECONDS = 60
NAME = "dialog:problem"
PARTS = {
    "text": "dialog/includes/problem_text.html",
    "support": "dialog/includes/problem_support.html",
    "answers": "dialog/includes/problem_answers.html",
    "timeline": "dialog/includes/problem_timeline.html",
}


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


def render_parts(problem):
    supports = Support.objects.filter(problem=problem)
    answers = list(problem.answers.prefetch_related("citations"))
    context = {
        "problem": problem,
        "citations": problem.citations.filter(answer__isnull=True),
        "attachments": problem.attachments.filter(answer__isnull=True),
        "coauthors": problem.coauthors.select_related("municipality"),
        "reach": supports.reach(),
        "merged_from": problem.merged_problems.only("pk", "title", "status"),
        "answers": answers,
        "milestones": problem.milestones.all(),
        "history": problem.history.select_related(None).only(
            "action", "source", "target", "comment", "at", "actor_role"
        ),
    }
    parts = {name: render_to_string(template, context) for name, template in PARTS.items()}
    # The author is asked to rate the latest answer once.
    parts["awaiting_rating"] = bool(answers) and not answers[-1].rating
    return parts


def shared_parts(problem):
    """The parts of the problem's page that every reader sees, from the cache when possible."""
    key = caching.versioned_key(version_name(problem.pk), "parts", problem.updated_at.timestamp())
    parts = cache.get(key)
    if parts is None:
        parts = render_parts(problem)
        cache.set(key, parts, SHARED_PAGE_SECONDS)
    return parts

"""A problem's page from the cache: whole for visitors without a session (a public problem),
and the parts every reader sees (text, support, answers, timeline) for everyone else; the view
adds what is the reader's own (support and co-author buttons, forms, the staff's section).

Both keys hold the problem's `updated_at` (every save; splitting touches it too), the version of
its discussion (comments and a moderator hiding it, kept by `portal.community`) and
`version_name(pk)`, which `changed(pk)` replaces: a new answer, milestone, timeline entry,
co-author, file or norm (signals connected in `integration`), a support (`supporting`), a saved
merged or split-off part (`integration`; hiding one after reports, `community.set_hidden`). The
time limit covers the clock (the «Срок ответа истёк» badge) and what nothing announces: a renamed
direction, municipality or problem node.

Besides the HTML, the parts keep two facts the view needs for every reader: the split-off parts
(so no reader's visit looks for them; only a signed-in reader's own unpublished part costs a
query) and who is invited as a co-author and has not confirmed yet.
"""

from django.core.cache import cache
from django.template.loader import render_to_string

from dialog.models import Coauthor, Problem, Support
from dialog.models.choices import PUBLIC_STATUSES
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


NO_REACH = {"municipalities": 0, "regions": 0, "carried": 0}


def _split_parts(problem):
    """The parts split off the problem, whoever may see them: [{pk, title, public, author_id}]."""
    rows = problem.split_problems.order_by("pk").values(
        "pk", "title", "status", "is_hidden", "author_id"
    )
    return [
        {
            "pk": row["pk"],
            "title": row["title"],
            "public": row["status"] in PUBLIC_STATUSES and not row["is_hidden"],
            "author_id": row["author_id"],
        }
        for row in rows
    ]


def render_parts(problem):
    # One read for the norms of the problem and of its answers (an answer's norms carry its
    # problem too); an answer's own are handed to it as `cited`.
    citations = list(problem.citations.all())
    answers = list(problem.answers.all())
    for answer in answers:
        answer.cited = [citation for citation in citations if citation.answer_id == answer.pk]
    coauthors = list(problem.coauthors.select_related("municipality"))
    context = {
        "problem": problem,
        "citations": [citation for citation in citations if citation.answer_id is None],
        "attachments": problem.attachments.filter(answer__isnull=True),
        "coauthors": coauthors,
        # The stored count is recounted with every support (`supporting`): none, nothing to ask.
        "reach": Support.objects.filter(problem=problem).reach()
        if problem.supports_count
        else NO_REACH,
        "merged_from": problem.merged_problems.values("pk", "title"),
        "answers": answers,
        "milestones": problem.milestones.all(),
        # With the problem's id: the related manager sets each entry's problem from it, and a
        # deferred id would cost a query per entry.
        "history": problem.history.select_related(None).only(
            "problem_id", "action", "source", "target", "comment", "at", "actor_role"
        ),
    }
    parts = {name: render_to_string(template, context) for name, template in PARTS.items()}
    # The author is asked to rate the latest answer once.
    parts["awaiting_rating"] = bool(answers) and not answers[-1].rating
    parts["split"] = _split_parts(problem)
    parts["invited"] = [c.user_id for c in coauthors if c.confirmed_at is None]
    return parts


def split_parts_for(parts, user, is_staff):
    """The split-off parts `user` may see (as `ProblemQuerySet.visible_to`): staff see all,
    others the public ones and their own, authored or co-authored."""
    split = parts["split"]
    if is_staff:
        return split
    unpublished = [part for part in split if not part["public"]]
    own = set()
    if unpublished and user.is_authenticated:
        own = {part["pk"] for part in unpublished if part["author_id"] == user.pk}
        others = [part["pk"] for part in unpublished if part["pk"] not in own]
        if others:
            own.update(
                Coauthor.objects.filter(problem_id__in=others, user=user).values_list(
                    "problem_id", flat=True
                )
            )
    return [part for part in split if part["public"] or part["pk"] in own]


def shared_parts(problem):
    """The parts of the problem's page that every reader sees, from the cache when possible."""
    key = caching.versioned_key(version_name(problem.pk), "parts", problem.updated_at.timestamp())
    parts = cache.get(key)
    # A copy stored before the parts held the split-off parts is built again.
    if parts is None or "split" not in parts:
        parts = render_parts(problem)
        cache.set(key, parts, SHARED_PAGE_SECONDS)
    return parts

"""Role × state: who may take each transition, who sees each problem page and its internal
notes, and who may open each page of the service."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django_fsm import has_transition_perm

from dialog.models import Attachment, Cluster, InternalNote, ProblemStatus
from tests.access_grid import AWAY, LOGIN, answer

S = ProblemStatus
ROLES = [
    "author",
    "coauthor",
    "other_employee",
    "unverified",
    "moderator",
    "expert",
    "other_expert",
    "lead_expert",
    "guest",
]
STAFF = {"moderator", "expert", "lead_expert"}

# transition: {source state: roles allowed}
TRANSITIONS = {
    "submit": {S.DRAFT: {"author"}, S.RETURNED: {"author"}},
    "publish": {S.MODERATION: {"moderator"}},
    "return_to_author": {
        S.MODERATION: {"moderator"},
        S.REVIEW: {"moderator", "expert", "lead_expert"},
    },
    "reject": {S.MODERATION: {"moderator"}},
    "assign": {S.PUBLISHED: {"moderator", "lead_expert"}},
    "answer": {S.REVIEW: {"expert", "lead_expert"}},
    "start_work": {S.ANSWERED: {"expert", "lead_expert"}},
    "resolve": {S.ANSWERED: {"expert", "lead_expert"}, S.IN_PROGRESS: {"expert", "lead_expert"}},
    "declare_unsolvable": {
        S.ANSWERED: {"expert", "lead_expert"},
        S.IN_PROGRESS: {"expert", "lead_expert"},
    },
    "request_review": {s: {"author"} for s in (S.ANSWERED, S.IN_PROGRESS, S.SOLVED, S.UNSOLVABLE)},
    "merge": {s: {"moderator"} for s in (S.MODERATION, S.PUBLISHED, S.REVIEW)},
}
PRIVATE = {S.DRAFT, S.MODERATION, S.RETURNED, S.REJECTED}


def test_every_transition_is_allowed_to_exactly_its_roles_in_every_state(people, make_problem):
    for status in S:
        if status == S.MERGED:
            continue
        problem = make_problem(status)
        for action, sources in TRANSITIONS.items():
            allowed = sources.get(status, set())
            for role, user in people.items():
                if user is None:
                    continue
                user = type(user).objects.get(pk=user.pk)  # fresh role caches
                method = getattr(problem, action)
                assert has_transition_perm(method, user) == (role in allowed), (
                    action,
                    status,
                    role,
                )


@pytest.mark.parametrize("status", [s for s in S if s != S.MERGED])
def test_who_sees_the_problem_page_and_its_internal_notes(client, people, make_problem, status):
    problem = make_problem(status)
    InternalNote.objects.create(problem=problem, text="Служебно: проверить сумму")
    for role, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(problem.get_absolute_url())
        visible = status not in PRIVATE or role in {"author", "coauthor"} | STAFF
        assert response.status_code == (200 if visible else 404), (status, role)
        if visible:
            assert ("Служебно: проверить сумму" in response.content.decode()) == (role in STAFF), (
                status,
                role,
            )


PAGES = {
    "dialog:index": {},
    "dialog:api": {},
    "dialog:similar": {},
    "dialog:analytics": {},
    "dialog:clusters": {},
    "dialog:new": {"guest": LOGIN, "unverified": 403},
    "dialog:mine": {"guest": LOGIN},
    "dialog:moderation": {
        "guest": LOGIN,
        **{r: 403 for r in ROLES if r not in {"moderator", "guest"}},
    },
    "dialog:queue": {
        "guest": LOGIN,
        **{r: 403 for r in ROLES if r not in {"expert", "other_expert", "lead_expert", "guest"}},
    },
    "dialog:overdue": {
        "guest": LOGIN,
        **{r: 403 for r in ROLES if r not in {"moderator", "lead_expert", "guest"}},
    },
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_answers_each_role_as_declared(client, people, name):
    for role, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        expected = PAGES[name].get(role, 200)
        assert answer(client.get(reverse(name))) == expected, (name, role)


def test_export_answers_everybody(client, people):
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("dialog:export", args=[fmt])).status_code == 200
    assert client.get(reverse("dialog:export", args=["exe"])).status_code == 404


@pytest.mark.parametrize(
    "name,data",
    [
        ("dialog:support", {}),
        ("dialog:note", {"text": "x"}),
        ("dialog:merge", {"status": "review", "target": "1"}),
        ("dialog:answer", {"status": "review", "text": "x"}),
        ("dialog:review", {"status": "review", "reason": "Ответ не по существу"}),
        ("dialog:reassign", {"status": "review"}),
    ],
)
def test_posts_refuse_roles_that_may_not_act(client, people, make_problem, name, data):
    problem = make_problem(S.REVIEW)
    allowed = {
        "dialog:support": {
            "coauthor",
            "other_employee",
            "moderator",
            "expert",
            "other_expert",
            "lead_expert",
        },
        "dialog:note": STAFF,
        "dialog:merge": {"moderator"},
        "dialog:answer": {"expert", "lead_expert"},
        "dialog:review": {"author"},
        "dialog:reassign": {"moderator", "lead_expert"},
    }[name]
    for role, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        outcome = answer(client.post(reverse(name, args=[problem.pk]), data))
        if user is None:
            assert outcome == LOGIN, (name, role)
        elif role in allowed:
            assert outcome in (200, AWAY, 400), (name, role)
        else:
            assert outcome in (403, 404), (name, role, outcome)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "name", ["moderation", "bulk", "cluster_new", "cluster_edit", "cluster_problems", "split"]
)
def test_moderator_screens_answer_each_role_as_declared(client, people, make_problem, name, method):
    """Moderators only: a GET shows the screen, an empty POST is refused with the form (400);
    everybody else gets 403 and a guest is sent to sign in. POST-only and GET-only views
    answer 405 to the other method whoever asks."""
    problem = make_problem(S.PUBLISHED)
    cluster = Cluster.objects.create(title="Узел")
    args = {"cluster_edit": [cluster.pk], "cluster_problems": [cluster.pk], "split": [problem.pk]}
    url = reverse(f"dialog:{name}", args=args.get(name, []))
    only = {"moderation": "get", "bulk": "post", "cluster_problems": "post"}.get(name)
    for role, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        outcome = answer(getattr(client, method)(url))
        if only is not None and only != method:
            expected = 405
        elif role == "guest":
            expected = LOGIN
        elif role != "moderator":
            expected = 403
        else:
            expected = 200 if method == "get" else 400
        assert outcome == expected, (name, method, role, outcome)


@pytest.mark.parametrize("status", [s for s in S if s != S.MERGED])
def test_a_problems_file_is_served_to_whoever_sees_the_problem(
    client, people, make_problem, status, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    problem = make_problem(status)
    stored = Attachment.objects.create(
        problem=problem,
        file=ContentFile(b"%PDF-1.4 smeta", name="smeta.pdf"),
        name="смета.pdf",
        kind="pdf",
        size=14,
    )
    url = reverse("dialog:attachment", args=[problem.pk, stored.pk])
    for role, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        visible = status not in PRIVATE or role in {"author", "coauthor"} | STAFF
        assert response.status_code == (200 if visible else 404), (status, role)
        if visible:
            assert response["Content-Disposition"].startswith("attachment")
            assert response["X-Content-Type-Options"] == "nosniff"
            assert b"".join(response.streaming_content) == b"%PDF-1.4 smeta"
            private = "private" in response["Cache-Control"]
            assert private == (status in PRIVATE), (status, role)

"""The first visit of a problem's page, before anything of it is stored: a fixed number of
queries however long its story, and what the stored parts now answer for every reader (the
split-off parts, a pending co-author) is as fresh as the page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialog.models import Answer, Citation, Coauthor, Milestone, ProblemStatus, TransitionLog
from portal.community import moderation
from tests.dialog.factories import problem_in
from tests.legal_vector.factories import DocumentFactory

pytestmark = pytest.mark.django_db

S = ProblemStatus


@pytest.fixture
def problem(make_problem):
    return make_problem(S.IN_PROGRESS, title="Бесхозяйные сети в посёлке")


def page(client, problem):
    response = client.get(reverse("dialog:problem", args=[problem.pk]))
    assert response.status_code == 200
    return response.content.decode()


def cite(problem, label, answer=None):
    return Citation.objects.create(
        problem=problem, answer=answer, document=DocumentFactory(), label=label
    )


def lengthen(problem, n):
    """`n` more answers (each citing a norm), milestones, timeline entries and merged parts."""
    for i in range(n):
        answer = Answer.objects.create(problem=problem, author_role="эксперт", text=f"Ответ {i}")
        cite(problem, f"ст. {i} ответа", answer)
        cite(problem, f"ст. {i} проблемы")
        Milestone.objects.create(problem=problem, title=f"Этап {i}", due_on=timezone.localdate())
        TransitionLog.objects.create(
            problem=problem, action="milestone", source=S.IN_PROGRESS, target=S.IN_PROGRESS
        )
        problem_in(S.MERGED, merged_into=problem)


def first_visit_queries(client, problem):
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        page(client, problem)
    return len(context.captured_queries)


def test_a_first_visit_does_not_grow_with_the_problem_s_story(client, problem, employee):
    lengthen(problem, 1)
    first_visit_queries(client, problem)  # fills per-process caches (content types)
    guest_few = first_visit_queries(client, problem)
    lengthen(problem, 6)
    guest_many = first_visit_queries(client, problem)
    client.force_login(employee)
    reader = first_visit_queries(client, problem)
    # The stamp of the stored page, the problem, its norms, answers, co-authors, files, merged
    # parts, milestones, timeline, split-off parts, the footer contacts (cached after),
    # «полезно» and the comment count; no supporters' reach to count without supports.
    assert guest_many == guest_few <= 13
    # Without the stamp; with session, user, roles, the reader's municipality (cached after),
    # unread notifications, whether supported and the reader's own marks.
    assert reader <= 19


def test_each_answer_shows_its_own_norms_and_the_problem_its_own(client, problem):
    answer = Answer.objects.create(problem=problem, author_role="эксперт", text="Ответ эксперта")
    cite(problem, "ст. 225 ГК РФ")
    cite(problem, "ст. 14 Закона № 131-ФЗ", answer)
    html = page(client, problem)
    text = html[html.index("problem-text-title") : html.index(f'id="answer-{answer.pk}"')]
    answer_part = html[html.index(f'id="answer-{answer.pk}"') :]
    assert "ст. 225 ГК РФ" in text and "ст. 14 Закона № 131-ФЗ" not in text
    assert "ст. 14 Закона № 131-ФЗ" in answer_part and "ст. 225 ГК РФ" not in answer_part


def test_a_split_off_part_hidden_after_reports_leaves_the_source_page_at_once(
    client, problem, employee, moderator
):
    part = problem_in(S.PUBLISHED, split_from=problem, title="Долгое признание права")
    client.force_login(employee)
    assert "Долгое признание права" in page(client, problem)
    moderation.report(moderator, part, "spam", "Реклама")
    assert "Долгое признание права" not in page(client, problem)


def test_an_unpublished_split_off_part_shows_to_its_authors_and_staff_only(
    client, problem, other_employee, coauthor, moderator
):
    part = problem_in(S.MODERATION, split_from=problem, title="Долгое признание права")
    for reader in (None, other_employee, part.author, coauthor, moderator):
        client.logout()
        if reader is not None:
            client.force_login(reader)
        shown = "Долгое признание права" in page(client, problem)
        assert shown == (reader is not None and reader != other_employee and reader != coauthor)
    Coauthor.objects.create(problem=part, user=coauthor)
    client.force_login(coauthor)
    assert "Долгое признание права" in page(client, problem)


def test_a_new_invitation_to_co_author_shows_to_the_invited_at_once(
    client, problem, other_employee
):
    client.force_login(other_employee)
    assert "Подтвердить участие соавтором" not in page(client, problem)
    Coauthor.objects.create(problem=problem, user=other_employee)
    assert "Подтвердить участие соавтором" in page(client, problem)

"""The lifecycle end to end: publication assigns an expert, answers, work, reviews; every
transition is logged, refused to the wrong role and refused when stale."""

import pytest
from django.urls import reverse

from dialog import answering, notifying, workflow
from dialog.models import DirectionSettings, ExpertDirection, Problem, ProblemStatus, Routing
from dialog.workflow import StaleTransition
from portal.accounts import roles
from portal.notifications.models import Notification
from tests.factories import UserFactory


def act(client, user, problem, action, **data):
    client.force_login(user)
    return client.post(
        reverse("dialog:transition", args=[problem.pk, action]),
        {"status": problem.status, **data},
    )


def test_publishing_assigns_the_least_loaded_expert_and_starts_the_clock(
    client, moderator, make_problem, dialog_expert, zhkh
):
    busy = dialog_expert
    free = UserFactory(is_staff=True, roles=[roles.EXPERT])
    ExpertDirection.objects.create(expert=free, direction=zhkh)
    make_problem(ProblemStatus.REVIEW, assignee=busy)
    problem = make_problem()
    act(client, moderator, problem, "publish")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.REVIEW
    assert problem.assignee == free
    assert (problem.due_at - problem.published_at).days == DirectionSettings.objects.get(
        direction=zhkh
    ).sla_days
    steps = list(problem.history.values_list("source", "target", "actor_role"))
    assert steps[-2:] == [
        ("moderation", "published", "модератор"),
        ("published", "review", "система"),
    ]
    assert Notification.objects.filter(user=free, kind=notifying.KIND_ASSIGNED).exists()
    assert Notification.objects.filter(user=problem.author, kind=notifying.KIND_STATUS).exists()


def test_round_robin_takes_experts_in_turn(moderator, make_problem, dialog_expert, zhkh):
    second = UserFactory(is_staff=True, roles=[roles.EXPERT])
    ExpertDirection.objects.create(expert=second, direction=zhkh)
    DirectionSettings.objects.filter(direction=zhkh).update(routing=Routing.ROUND_ROBIN)
    assigned = []
    for _ in range(3):
        problem = make_problem()
        workflow.perform(problem.pk, "publish", moderator, ProblemStatus.MODERATION)
        assigned.append(Problem.objects.get(pk=problem.pk).assignee_id)
    assert assigned == [dialog_expert.pk, second.pk, dialog_expert.pk]


def test_without_experts_the_problem_stays_published_for_manual_assignment(
    moderator, make_problem, roads, other_expert, client
):
    ExpertDirection.objects.filter(direction=roads).delete()
    problem = make_problem(direction=roads)
    workflow.perform(problem.pk, "publish", moderator, ProblemStatus.MODERATION)
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.PUBLISHED and problem.assignee is None
    ExpertDirection.objects.create(expert=other_expert, direction=roads)
    client.force_login(moderator)
    client.post(
        reverse("dialog:reassign", args=[problem.pk]),
        {"status": "published", "expert": other_expert.pk},
    )
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.REVIEW and problem.assignee == other_expert


def test_a_stale_action_is_refused_with_a_clear_message(client, moderator, make_problem):
    problem = make_problem()
    seen = problem.status
    workflow.perform(problem.pk, "reject", moderator, seen, "Дублирует")
    client.force_login(moderator)
    response = client.post(
        reverse("dialog:transition", args=[problem.pk, "publish"]), {"status": seen}, follow=True
    )
    assert "уже в статусе «отклонена»" in response.content.decode()
    assert Problem.objects.get(pk=problem.pk).status == ProblemStatus.REJECTED
    assert problem.history.filter(target="published").count() == 0


def test_rejection_needs_a_templated_reason(client, moderator, make_problem):
    problem = make_problem()
    response = act(client, moderator, problem, "reject")
    assert response.status_code == 400
    assert "Выберите причину" in response.content.decode()
    act(client, moderator, problem, "reject", reason="duplicate", comment="см. № 1")
    entry = problem.history.get(target="rejected")
    assert entry.comment.startswith("Дублирует уже опубликованную проблему")


def test_the_expert_answers_with_checked_citations_and_everyone_is_told(
    client, make_problem, dialog_expert, other_employee, coauthor
):
    problem = make_problem(ProblemStatus.REVIEW)
    from dialog.models import Support

    Support.objects.create(problem=problem, user=other_employee)
    client.force_login(dialog_expert)
    refused = client.post(
        reverse("dialog:answer", args=[problem.pk]),
        {"status": "review", "text": "Ответ", "citations": "ст. 999 несуществующего закона"},
    )
    assert refused.status_code == 400
    assert "Не нашли в базе" in refused.content.decode()
    client.post(
        reverse("dialog:answer", args=[problem.pk]),
        {"status": "review", "text": "Порядок уже изменён."},
    )
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.ANSWERED
    answer = problem.answers.get()
    assert answer.author == dialog_expert and answer.author_role == "эксперт"
    told = set(
        Notification.objects.filter(kind=notifying.KIND_ANSWER).values_list("user_id", flat=True)
    )
    assert {problem.author_id, coauthor.pk, other_employee.pk} <= told


def test_the_author_rates_and_asks_for_review_once_which_goes_to_the_lead(
    client, make_problem, dialog_expert, lead_expert, author
):
    problem = make_problem(ProblemStatus.REVIEW)
    answering.give_answer(problem.pk, dialog_expert, "Ответ эксперта")
    client.force_login(author)
    client.post(reverse("dialog:rate", args=[problem.pk]), {"rating": "2"})
    client.post(
        reverse("dialog:review", args=[problem.pk]),
        {"status": "answered", "reason": "Ответ не касается сути проблемы"},
    )
    problem.refresh_from_db()
    assert problem.answers.get().rating == 2
    assert problem.status == ProblemStatus.REVIEW and problem.assignee == lead_expert
    assert problem.review_requested
    answering.give_answer(problem.pk, lead_expert, "Пересмотренный ответ")
    problem.refresh_from_db()
    with pytest.raises(StaleTransition, match="уже запрашивали"):
        answering.request_review(problem.pk, author, "Ещё раз", problem.status)


def test_milestones_of_the_work_are_on_the_timeline(client, make_problem, dialog_expert):
    problem = make_problem(ProblemStatus.ANSWERED)
    act(client, dialog_expert, problem, "start_work")
    client.post(
        reverse("dialog:milestone", args=[problem.pk]),
        {"title": "Проект закона внесён", "due_on": "2027-03-01", "progress": "30"},
    )
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "Проект закона внесён" in page and "30%" in page
    problem.refresh_from_db()
    act(client, dialog_expert, problem, "resolve")
    assert Problem.objects.get(pk=problem.pk).status == ProblemStatus.SOLVED


def test_returned_problem_is_resubmitted_by_the_author(client, make_problem, moderator, author):
    problem = make_problem()
    act(client, moderator, problem, "return_to_author", comment="Уточните сумму")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.RETURNED
    act(client, author, problem, "submit")
    assert Problem.objects.get(pk=problem.pk).status == ProblemStatus.MODERATION

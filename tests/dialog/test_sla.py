"""The SLA clock with a frozen clock: due dates, the pause while the author holds the
problem, escalation exactly once, the «просрочено» queue."""

import datetime
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from dialog import notifying, workflow
from dialog.models import DirectionSettings, ExpertDirection, Problem, ProblemStatus
from dialog.tasks import escalate_overdue
from portal.notifications.models import Notification

START = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def publish(problem, moderator, at):
    with frozen(at):
        workflow.perform(problem.pk, "publish", moderator, ProblemStatus.MODERATION)
    return Problem.objects.get(pk=problem.pk)


def test_the_answer_is_due_after_the_directions_sla(make_problem, moderator, zhkh):
    DirectionSettings.objects.filter(direction=zhkh).update(sla_days=10)
    problem = publish(make_problem(), moderator, START)
    assert problem.due_at == START + datetime.timedelta(days=10)
    with frozen(START + datetime.timedelta(days=9)):
        assert not problem.is_overdue
    with frozen(START + datetime.timedelta(days=10, seconds=1)):
        assert problem.is_overdue


def test_the_clock_pauses_while_the_problem_is_with_the_author(
    make_problem, moderator, dialog_expert, author, zhkh
):
    DirectionSettings.objects.filter(direction=zhkh).update(sla_days=10)
    problem = publish(make_problem(), moderator, START)
    with frozen(START + datetime.timedelta(days=2)):
        workflow.perform(problem.pk, "return_to_author", dialog_expert, "review", "Уточните сумму")
    with frozen(START + datetime.timedelta(days=20)):
        problem = Problem.objects.get(pk=problem.pk)
        assert not problem.is_overdue
        assert Problem.objects.overdue().count() == 0
        from dialog import submission

        submission.submit(problem.pk, author)
    problem = publish(
        Problem.objects.get(pk=problem.pk), moderator, START + datetime.timedelta(days=21)
    )
    # Two days used before the return; eight are left after the republication.
    assert problem.due_at == START + datetime.timedelta(days=29)
    assert problem.status == ProblemStatus.REVIEW and problem.assignee == dialog_expert


def test_an_overdue_problem_is_escalated_exactly_once(
    make_problem, moderator, lead_expert, dialog_expert, zhkh
):
    DirectionSettings.objects.filter(direction=zhkh).update(sla_days=5)
    problem = publish(make_problem(), moderator, START)
    with frozen(START + datetime.timedelta(days=4)):
        assert escalate_overdue() == 0
    with frozen(START + datetime.timedelta(days=6)):
        assert escalate_overdue() == 1
        assert escalate_overdue() == 0
    problem.refresh_from_db()
    assert problem.escalated_at == START + datetime.timedelta(days=6)
    assert problem.history.filter(action="escalate").count() == 1
    told = Notification.objects.filter(kind=notifying.KIND_ESCALATION)
    assert set(told.values_list("user_id", flat=True)) == {lead_expert.pk, moderator.pk}


def test_overdue_problems_are_in_the_queue_for_leads_of_their_direction_only(
    client, make_problem, moderator, lead_expert, roads
):
    late = make_problem(ProblemStatus.REVIEW, due_at=timezone.now() - datetime.timedelta(days=1))
    make_problem(ProblemStatus.REVIEW)
    from tests.dialog.factories import problem_in

    other = problem_in(
        ProblemStatus.REVIEW, direction=roads, due_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(lead_expert)
    page = client.get(reverse("dialog:overdue")).content.decode()
    assert late.title in page and other.title not in page
    client.force_login(moderator)
    page = client.get(reverse("dialog:overdue")).content.decode()
    assert late.title in page and other.title in page
    assert ExpertDirection.objects.filter(expert=lead_expert, is_lead=True).exists()


def test_the_beat_runs_the_escalation():
    from django.conf import settings

    assert (
        settings.CELERY_BEAT_SCHEDULE["dialog-escalate-overdue"]["task"]
        == "dialog.escalate_overdue"
    )

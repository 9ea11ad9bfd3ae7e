"""Reports hide a problem through portal.community; a decision in the shared queue tells the
authors exactly once; every dialog notification kind may be taken as a digest."""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dialog import notifying, submission
from dialog.models import Coauthor, Problem, ProblemStatus
from portal.accounts import roles
from portal.community.models import DigestChoice, Frequency
from portal.community.models.comments import Comment
from portal.community.models.moderation import CaseKind, CaseState, ModerationCase
from portal.community.moderation import decide, report
from portal.community.notifying import DIGEST_KINDS
from portal.notifications.models import Notification
from tests.dialog.factories import problem_in
from tests.factories import UserFactory

KEY = "dialog.problem"


def _reporters(n):
    return [UserFactory() for _ in range(n)]


def test_three_verified_reports_hide_the_problem_and_its_discussion(
    client, make_problem, author, moderator
):
    problem = make_problem(ProblemStatus.REVIEW)
    Comment.objects.create(
        author=author, text="Обсуждение до жалоб", **Comment.target_fields(problem)
    )
    for reporter in _reporters(3):
        client.force_login(reporter)
        client.post(reverse("community:report", args=[KEY, problem.pk]), {"reason": "spam"})
    problem.refresh_from_db()
    assert problem.is_hidden
    assert not Problem.objects.public().filter(pk=problem.pk).exists()
    client.logout()
    assert client.get(problem.get_absolute_url()).status_code == 404
    assert problem.get_absolute_url() not in client.get(reverse("dialog:index")).content.decode()
    # The discussion is gone with it: nobody comments on a hidden problem.
    client.force_login(UserFactory())
    response = client.post(reverse("community:comment", args=[KEY, problem.pk]), {"text": "Ещё"})
    assert response.status_code == 404
    # The author and staff still see it, with why.
    for user in (author, moderator):
        client.force_login(user)
        page = client.get(problem.get_absolute_url()).content.decode()
        assert "скрыта по жалобам" in page.lower()
    told = Notification.objects.filter(user=author, kind="community.moderation")
    assert told.count() == 1 and "скрыт" in told.get().text


def test_two_reports_or_unverified_reporters_do_not_hide_it(make_problem, unverified_user):
    problem = make_problem(ProblemStatus.PUBLISHED)
    for reporter in [*_reporters(2), unverified_user]:
        report(reporter, problem, "spam")
    problem.refresh_from_db()
    assert not problem.is_hidden


def test_one_moderator_report_hides_it_at_once(make_problem, moderator):
    problem = make_problem(ProblemStatus.PUBLISHED)
    report(moderator, problem, "personal", "Телефон жителя в тексте")
    problem.refresh_from_db()
    assert problem.is_hidden
    assert problem.history.filter(action="hide").count() == 1


def test_restoring_in_the_queue_shows_it_again_with_the_timeline(client, make_problem, moderator):
    problem = make_problem(ProblemStatus.PUBLISHED)
    report(moderator, problem, "spam")
    case = ModerationCase.objects.for_item(problem).get(kind=CaseKind.REPORT)
    assert decide(case.pk, moderator, True)
    problem.refresh_from_db()
    assert not problem.is_hidden
    assert list(problem.history.filter(action__in=["hide", "restore"]).values_list("action")) == [
        ("hide",),
        ("restore",),
    ]
    assert client.get(problem.get_absolute_url()).status_code == 200


def test_confirming_the_reports_keeps_it_hidden(make_problem, moderator):
    problem = make_problem(ProblemStatus.PUBLISHED)
    report(moderator, problem, "spam")
    case = ModerationCase.objects.for_item(problem).get(kind=CaseKind.REPORT)
    assert decide(case.pk, moderator, False)
    problem.refresh_from_db()
    assert problem.is_hidden and problem.history.filter(action="hide_confirmed").exists()


def _submitted(author, coauthor):
    problem = problem_in(ProblemStatus.DRAFT, author=author)
    Coauthor.objects.create(problem=problem, user=coauthor, confirmed_at=timezone.now())
    submission.submit(problem.pk, author)
    Notification.objects.all().delete()
    return problem


def test_a_queue_decision_tells_each_author_exactly_once(author, coauthor, moderator):
    problem = _submitted(author, coauthor)
    case = ModerationCase.objects.for_item(problem).get(state=CaseState.OPEN)
    assert decide(case.pk, moderator, True)
    for user in (author, coauthor):
        told = Notification.objects.filter(user=user)
        assert told.count() == 1, list(told.values_list("kind", "text"))
        assert told.get().kind == notifying.KIND_STATUS and "опубликована" in told.get().text


def test_a_queue_rejection_tells_each_author_exactly_once_with_the_reason(
    author, coauthor, moderator
):
    problem = _submitted(author, coauthor)
    case = ModerationCase.objects.for_item(problem).get(state=CaseState.OPEN)
    assert decide(case.pk, moderator, False, "Дублирует опубликованную")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.REJECTED
    for user in (author, coauthor):
        told = Notification.objects.filter(user=user)
        assert told.count() == 1 and "Дублирует опубликованную" in told.get().text


def test_a_second_moderator_deciding_the_same_case_tells_nobody_again(author, coauthor, moderator):
    problem = _submitted(author, coauthor)
    case = ModerationCase.objects.for_item(problem).get(state=CaseState.OPEN)
    assert decide(case.pk, moderator, True)
    assert not decide(case.pk, UserFactory(roles=[roles.MODERATOR]), False)
    assert Notification.objects.filter(user=author).count() == 1


def test_every_dialog_kind_may_be_taken_as_a_digest():
    assert set(notifying.KINDS) <= set(DIGEST_KINDS)


def test_the_digest_page_offers_the_dialog_kinds(client, author):
    client.force_login(author)
    page = client.get(reverse("community:digests")).content.decode()
    for label in notifying.KINDS.values():
        assert label.replace("«", "&laquo;").replace("»", "&raquo;") in page or label in page


def test_a_kind_chosen_as_a_digest_is_stored_but_not_mailed_at_once(
    author, coauthor, moderator, django_capture_on_commit_callbacks
):
    DigestChoice.objects.save_choices(author, {notifying.KIND_STATUS: Frequency.DAILY})
    problem = _submitted(author, coauthor)
    case = ModerationCase.objects.for_item(problem).get(state=CaseState.OPEN)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(case.pk, moderator, True)
    mailed_to = [address for message in mail.outbox for address in message.to]
    # The co-author kept «сразу» and gets the mail; the author waits for the daily digest.
    assert coauthor.email in mailed_to and author.email not in mailed_to
    stored = Notification.objects.get(user=author, kind=notifying.KIND_STATUS)
    assert stored.emailed_at is None

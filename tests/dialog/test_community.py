"""Problems take comments, follows and reports from portal.community: comments show on the
page, followers hear about the answer, a merge carries comments and followers over."""

from django.urls import reverse

from dialog import answering, notifying, supporting, workflow
from dialog.models import ProblemStatus
from portal.community.models.comments import Comment
from portal.community.models.social import Follow
from portal.notifications.models import Notification

KEY = "dialog.problem"


def test_a_colleague_comments_on_a_published_problem(client, make_problem, other_employee):
    problem = make_problem(ProblemStatus.REVIEW)
    client.force_login(other_employee)
    client.post(
        reverse("community:comment", args=[KEY, problem.pk]),
        {
            "text": "У нас та же беда <b>с сетями</b>",
            "form_token": "4c1f7c1e-6c0a-4a1e-9d7e-0a1b2c3d4e5f",
        },
    )
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "У нас та же беда" in page and "<b>с сетями</b>" not in page


def test_drafts_take_no_comments(client, make_problem, other_employee):
    problem = make_problem(ProblemStatus.MODERATION)
    client.force_login(other_employee)
    response = client.post(reverse("community:comment", args=[KEY, problem.pk]), {"text": "Привет"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_followers_are_told_about_the_answer(client, make_problem, other_employee, dialog_expert):
    problem = make_problem(ProblemStatus.REVIEW)
    client.force_login(other_employee)
    client.post(reverse("community:follow", args=[KEY, problem.pk]), {"on": "1"})
    answering.give_answer(problem.pk, dialog_expert, "Ответ")
    assert Notification.objects.filter(user=other_employee, kind=notifying.KIND_ANSWER).exists()


def test_a_merge_carries_comments_and_followers_with_provenance(
    make_problem, moderator, other_employee, coauthor
):
    target = make_problem(ProblemStatus.REVIEW)
    duplicate = make_problem(ProblemStatus.PUBLISHED)
    Comment.objects.create(
        author=coauthor, text="Комментарий к дубликату", **Comment.target_fields(duplicate)
    )
    Follow.objects.create(user=other_employee, **Follow.target_fields(duplicate))
    Follow.objects.create(user=coauthor, **Follow.target_fields(duplicate))
    Follow.objects.create(user=coauthor, **Follow.target_fields(target))
    supporting.merge(duplicate.pk, target.pk, moderator, "published")
    assert Comment.objects.for_item(target).count() == 1
    assert set(Follow.objects.for_item(target).values_list("user_id", flat=True)) == {
        other_employee.pk,
        coauthor.pk,
    }
    assert not Follow.objects.for_item(duplicate).exists()
    note = target.history.get(action="carry_over")
    assert f"№ {duplicate.pk}" in note.comment and "комментарии: 1" in note.comment


def test_the_shared_moderation_queue_publishes_through_the_lifecycle(
    client, author, moderator, dialog_expert
):
    from dialog import submission
    from portal.community.models.moderation import CaseState, ModerationCase
    from portal.community.moderation import decide
    from tests.dialog.factories import problem_in

    problem = problem_in(ProblemStatus.DRAFT, author=author)
    submission.submit(problem.pk, author)
    case = ModerationCase.objects.for_item(problem).get(state=CaseState.OPEN)
    assert decide(case.pk, moderator, True)
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.REVIEW and problem.assignee == dialog_expert
    entry = problem.history.get(target=ProblemStatus.PUBLISHED)
    assert entry.actor == moderator and entry.actor_role == "модератор"


def test_deciding_on_the_problem_page_closes_the_queue_case(author, moderator):
    from dialog import submission
    from portal.community.models.moderation import CaseState, ModerationCase
    from tests.dialog.factories import problem_in

    problem = problem_in(ProblemStatus.DRAFT, author=author)
    submission.submit(problem.pk, author)
    workflow.perform(problem.pk, "reject", moderator, ProblemStatus.MODERATION, "Дубликат")
    case = ModerationCase.objects.for_item(problem).get()
    assert case.state == CaseState.REJECTED and case.decided_by == moderator

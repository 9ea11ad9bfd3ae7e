"""Quiz grading of every question type, snapshots, time limit with grace, attempt limits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from academy.models import Accommodation, Attempt, AttemptError, AttemptEvent, Enrollment, Question
from academy.models.quizzes import grade
from tests.academy.factories import right_answers


@pytest.fixture
def enrollment(course, employee):
    return Enrollment.enrol(employee, course)


def test_every_question_type_is_graded_right_and_wrong(quiz):
    snapshots = {q.kind: q.snapshot() for q in quiz.questions.all()}
    assert grade(snapshots["single"], ["0"]) and not grade(snapshots["single"], ["1"])
    assert grade(snapshots["multiple"], ["2", "0"]) and not grade(snapshots["multiple"], ["0"])
    assert grade(snapshots["true_false"], ["true"]) and not grade(
        snapshots["true_false"], ["false"]
    )
    assert grade(snapshots["short_text"], ["  «131-ФЗ» "]) and grade(
        snapshots["short_text"], ["131"]
    )
    assert not grade(snapshots["short_text"], ["33-ФЗ"])
    assert grade(snapshots["number"], ["3,145"]) and not grade(snapshots["number"], ["3.2"])
    assert not grade(snapshots["number"], ["пи"]) and not grade(snapshots["number"], [])


def test_a_right_attempt_passes_and_a_wrong_one_fails(enrollment, quiz):
    attempt = Attempt.start(enrollment, quiz)
    attempt = attempt.submit(right_answers(attempt))
    assert attempt.score == 100 and attempt.passed
    second = Attempt.start(enrollment, quiz).submit({})
    assert second.score == 0 and not second.passed


def test_editing_a_question_never_changes_a_taken_attempt(enrollment, quiz):
    attempt = Attempt.start(enrollment, quiz)
    question = quiz.questions.get(kind="single")
    question.choices = "Москва\n*Казань"
    question.prompt = "Изменённый вопрос"
    question.save()
    attempt = attempt.submit(right_answers(attempt))
    assert attempt.score == 100
    shown = next(q for q in attempt.questions if q["kind"] == "single")
    assert shown["prompt"] == "Столица РФ?"


def test_a_second_tab_resumes_the_running_attempt_without_resetting_the_clock(enrollment, quiz):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    first = Attempt.start(enrollment, quiz, now=start)
    again = Attempt.start(enrollment, quiz, now=start + timedelta(minutes=3))
    assert again.pk == first.pk and again.deadline == first.deadline


def test_answers_after_the_deadline_and_grace_are_not_accepted(enrollment, quiz):
    quiz.time_limit_minutes = 5
    quiz.save()
    start = timezone.now()
    attempt = Attempt.start(enrollment, quiz, now=start)
    answers = right_answers(attempt)
    first_id = str(attempt.questions[0]["id"])
    attempt.save_answers({first_id: answers[first_id]}, now=start + timedelta(minutes=4))
    late = attempt.submit(answers, now=start + timedelta(minutes=20))
    assert late.late and late.score == 20
    assert late.submitted_at == attempt.deadline
    kinds = list(late.events.values_list("kind", flat=True))
    assert kinds == ["started", "answered", "rejected_late_answers", "submitted"]


def test_a_submission_within_the_grace_period_is_accepted_whole(enrollment, quiz):
    quiz.time_limit_minutes = 5
    quiz.save()
    start = timezone.now()
    attempt = Attempt.start(enrollment, quiz, now=start)
    done = attempt.submit(right_answers(attempt), now=start + timedelta(minutes=5, seconds=20))
    assert done.score == 100 and not done.late


def test_a_replayed_submit_changes_nothing(enrollment, quiz):
    attempt = Attempt.start(enrollment, quiz)
    submitted = attempt.submit({})
    replay = attempt.submit(right_answers(attempt))
    assert replay.score == submitted.score == 0
    assert AttemptEvent.objects.filter(attempt=attempt, kind="resubmit_ignored").count() == 1


def test_the_attempt_limit_holds_and_extra_attempts_and_time_are_granted(
    enrollment, quiz, academy_admin
):
    quiz.attempt_limit, quiz.time_limit_minutes = 1, 10
    quiz.save()
    Attempt.start(enrollment, quiz).submit({})
    with pytest.raises(AttemptError):
        Attempt.start(enrollment, quiz)
    Accommodation.objects.create(
        user=enrollment.user,
        quiz=quiz,
        extra_attempts=1,
        extra_minutes=15,
        granted_by=academy_admin,
    )
    now = timezone.now()
    attempt = Attempt.start(enrollment, quiz, now=now)
    assert attempt.number == 2 and attempt.deadline == now + timedelta(minutes=25)


def test_the_event_log_is_append_only(enrollment, quiz):
    attempt = Attempt.start(enrollment, quiz)
    event = attempt.events.get()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_a_random_draw_takes_n_questions_from_the_bank(enrollment, quiz):
    quiz.draw_count, quiz.shuffle = 3, True
    quiz.save()
    attempt = Attempt.start(enrollment, quiz)
    ids = {q["id"] for q in attempt.questions}
    assert len(ids) == 3 and ids <= set(
        Question.objects.filter(quiz=quiz).values_list("pk", flat=True)
    )

"""Parallel requests (two tabs, a replayed POST) never add attempts beyond the limit."""

import threading

import pytest
from django.db import connection

from academy.models import Attempt, AttemptError, Enrollment
from tests.academy.factories import make_course, make_quiz
from tests.factories import UserFactory


def _in_parallel(function, count=6):
    errors, results = [], []

    def run():
        try:
            results.append(function())
        except AttemptError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_parallel_starts_share_one_running_attempt_and_respect_the_limit():
    quiz = make_quiz(attempt_limit=2)
    course = make_course(title="Параллельный курс", quiz=quiz)
    enrollment = Enrollment.enrol(UserFactory(), course)
    results, errors = _in_parallel(lambda: Attempt.start(enrollment, quiz).pk)
    assert not errors and len(set(results)) == 1
    Attempt.objects.get().submit({})
    results, errors = _in_parallel(lambda: Attempt.start(enrollment, quiz).submit({}).pk)
    # The first thread takes the last attempt and submits it; the others find the limit reached
    # or the same attempt already submitted.
    assert Attempt.objects.count() == 2
    assert len(set(results)) == 1

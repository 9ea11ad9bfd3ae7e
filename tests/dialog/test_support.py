"""Support: once per employee, withdrawable, counted exactly under concurrency; merges
carry supports over with their provenance and the merged URL redirects."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from dialog import supporting, workflow
from dialog.models import DirectionSettings, Problem, ProblemStatus, Support
from dialog.workflow import StaleTransition
from portal.accounts import roles
from tests.dialog.factories import problem_in
from tests.factories import MunicipalityFactory, UserFactory


def test_support_is_once_per_employee_and_withdrawable(client, make_problem, other_employee):
    problem = make_problem(ProblemStatus.REVIEW)
    client.force_login(other_employee)
    url = reverse("dialog:support", args=[problem.pk])
    client.post(url)
    client.post(url)
    problem.refresh_from_db()
    assert problem.supports_count == 1
    client.post(reverse("dialog:withdraw", args=[problem.pk]))
    problem.refresh_from_db()
    assert problem.supports_count == 0 and not Support.objects.exists()


def test_reach_counts_municipalities_and_regions(client, make_problem):
    problem = make_problem(ProblemStatus.REVIEW)
    shared = MunicipalityFactory()
    for municipality in (shared, shared, MunicipalityFactory()):
        supporting.support(
            problem.pk, UserFactory(municipality=municipality, roles=[roles.EMPLOYEE])
        )
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "Поддержали 3: 2 муниципалитетов из 2 регионов" in page


def test_the_threshold_raises_the_problem_in_the_experts_queue(
    client, make_problem, dialog_expert, zhkh
):
    DirectionSettings.objects.filter(direction=zhkh).update(support_threshold=2)
    late = make_problem(ProblemStatus.REVIEW, title="Поддержанная проблема про тарифы")
    make_problem(ProblemStatus.REVIEW, title="Ранняя проблема про сроки")
    for _ in range(2):
        supporting.support(late.pk, UserFactory(roles=[roles.EMPLOYEE]))
    late.refresh_from_db()
    assert late.is_prioritized
    client.force_login(dialog_expert)
    page = client.get(reverse("dialog:queue")).content.decode()
    assert page.index("Поддержанная проблема") < page.index("Ранняя проблема")


def test_merge_carries_supports_with_provenance_and_redirects(client, make_problem, moderator):
    target = make_problem(ProblemStatus.REVIEW, title="Основная проблема")
    duplicate = make_problem(ProblemStatus.PUBLISHED, title="Дубликат проблемы")
    both, only_dup = UserFactory(roles=[roles.EMPLOYEE]), UserFactory(roles=[roles.EMPLOYEE])
    Support.objects.create(problem=target, user=both)
    Support.objects.create(problem=duplicate, user=both)
    Support.objects.create(problem=duplicate, user=only_dup)
    client.force_login(moderator)
    client.post(
        reverse("dialog:merge", args=[duplicate.pk]), {"status": "published", "target": target.pk}
    )
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert duplicate.status == ProblemStatus.MERGED and duplicate.merged_into == target
    # both (once), only_dup carried over; the duplicate's author is the same person as the
    # target's here, so no extra support.
    assert target.supports_count == 2
    assert Support.objects.get(user=only_dup).carried_from == duplicate
    client.logout()
    response = client.get(duplicate.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == target.get_absolute_url()
    assert "перенесены из объединённых" in client.get(target.get_absolute_url()).content.decode()


def test_two_moderators_at_once_one_wins_the_other_is_told(make_problem, moderator):
    problem = make_problem()
    second = UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.MODERATOR])
    workflow.perform(problem.pk, "publish", moderator, ProblemStatus.MODERATION)
    with pytest.raises(StaleTransition, match="уже в статусе"):
        workflow.perform(problem.pk, "reject", second, ProblemStatus.MODERATION, "Дубликат")
    assert problem.history.filter(source="moderation").count() == 1


def _in_threads(functions):
    errors = []

    def run(function):
        try:
            function()
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_moderators_leave_one_consistent_history(make_problem, moderator):
    problem = make_problem()
    second = UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.MODERATOR])
    errors = _in_threads(
        [
            lambda: workflow.perform(problem.pk, "publish", moderator, "moderation"),
            lambda: workflow.perform(problem.pk, "reject", second, "moderation", "Дубликат"),
        ]
    )
    assert len(errors) == 1 and isinstance(errors[0], StaleTransition)
    assert problem.history.filter(source="moderation").count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_supports_never_double_count(make_problem):
    problem = make_problem(ProblemStatus.REVIEW)
    users = [UserFactory(roles=[roles.EMPLOYEE]) for _ in range(6)]
    calls = [lambda u=u: supporting.support(problem.pk, u) for u in users for _ in range(2)]
    assert _in_threads(calls) == []
    problem.refresh_from_db()
    assert problem.supports_count == Support.objects.filter(problem=problem).count() == 6


@pytest.mark.django_db(transaction=True)
def test_merge_under_concurrent_support_is_exact(make_problem, moderator):
    target = make_problem(ProblemStatus.REVIEW)
    duplicate = problem_in(ProblemStatus.PUBLISHED)
    users = [UserFactory(roles=[roles.EMPLOYEE]) for _ in range(5)]
    calls = [lambda u=u: supporting.support(duplicate.pk, u) for u in users]
    calls.append(lambda: supporting.merge(duplicate.pk, target.pk, moderator, "published"))
    errors = _in_threads(calls)
    # Supports that came after the merge are refused (the duplicate is no longer public).
    supported_after = len(errors)
    target.refresh_from_db()
    expected = {duplicate.author_id} | set(
        Support.objects.filter(problem=target).values_list("user_id", flat=True)
    )
    assert target.supports_count == Support.objects.filter(problem=target).count() == len(expected)
    assert target.supports_count == 5 - supported_after + 1
    assert Problem.objects.get(pk=duplicate.pk).supports_count == 0

"""Moderators on the site: splitting a problem, clusters, bulk actions on the moderation list."""

import threading

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from dialog import clustering, splitting
from dialog.forms import reasoned_comment
from dialog.models import Cluster, Problem, ProblemStatus
from dialog.workflow import StaleTransition
from portal.accounts import roles
from portal.community.models.moderation import CaseState, ModerationCase
from portal.notifications.models import Notification
from tests.dialog.factories import direction, problem_in
from tests.factories import UserFactory

S = ProblemStatus
TOKEN = "5d1f7c1e-6c0a-4a1e-9d7e-0a1b2c3d4e5f"


def _split_data(problem, **extra):
    return {
        "status": problem.status,
        "direction": direction("roads").pk,
        "title": "Нет денег на ремонт подъездной дороги к школе",
        "description": "Дорога к школе в частной собственности, ремонтировать её за счёт "
        "бюджета нельзя.",
        "remaining_description": "Сети водоснабжения не оформлены в собственность, "
        "содержать их не на что.",
        "comment": "Две разные проблемы в одном тексте",
        "form_token": TOKEN,
        **extra,
    }


def test_a_moderator_splits_a_published_problem_with_provenance_on_both_timelines(
    client, make_problem, moderator, author, coauthor, other_expert
):
    source = make_problem(S.REVIEW)
    client.force_login(moderator)
    response = client.post(reverse("dialog:split", args=[source.pk]), _split_data(source))
    part = Problem.objects.get(split_from=source)
    assert response.status_code == 302 and response["Location"] == part.get_absolute_url()
    # A part of a public problem is published at once and routed to its own direction.
    assert part.status == S.REVIEW and part.assignee == other_expert
    assert part.author == author and part.coauthors.get().user == coauthor
    assert part.direction.slug == "roads"
    source.refresh_from_db()
    assert source.description.startswith("Сети водоснабжения") and source.status == S.REVIEW
    assert f"№ {part.pk}" in source.history.get(action="split").comment
    came = part.history.get(action="split_from")
    assert f"№ {source.pk}" in came.comment and came.actor == moderator
    page = client.get(source.get_absolute_url()).content.decode()
    assert part.get_absolute_url() in page
    page = client.get(part.get_absolute_url()).content.decode()
    assert source.get_absolute_url() in page and "выделена из другой проблемы" in page
    assert Notification.objects.filter(user=author, text__contains="выделил").count() == 1


def test_a_part_of_a_problem_on_moderation_waits_in_the_queue_too(make_problem, moderator):
    source = make_problem(S.MODERATION)
    part = splitting.split(
        source.pk,
        moderator,
        S.MODERATION,
        {
            "direction": source.direction,
            "title": "Вторая проблема из того же текста",
            "description": "Описание второй проблемы, выделенной модератором из первой.",
            "proposed_solution": "",
        },
    )
    assert part.status == S.MODERATION
    assert ModerationCase.objects.for_item(part).filter(state=CaseState.OPEN).exists()


def test_a_resubmitted_split_form_creates_one_problem(client, make_problem, moderator):
    source = make_problem(S.PUBLISHED)
    client.force_login(moderator)
    data = _split_data(source, seen=source.updated_at.isoformat())
    client.post(reverse("dialog:split", args=[source.pk]), data)
    second = client.post(reverse("dialog:split", args=[source.pk]), data)
    assert second.status_code == 302
    assert Problem.objects.filter(split_from=source).count() == 1


def test_the_split_form_keeps_the_input_and_says_what_is_wrong(client, make_problem, moderator):
    source = make_problem(S.PUBLISHED)
    client.force_login(moderator)
    data = _split_data(source, title="Коротко", description="<script>alert(1)</script>")
    response = client.post(reverse("dialog:split", args=[source.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Суть проблемы слишком короткая." in page and 'value="Коротко"' in page
    assert "<script>alert(1)</script>" not in page
    assert not Problem.objects.filter(split_from=source).exists()


def test_a_stale_split_is_refused_with_the_current_state(client, make_problem, moderator):
    source = make_problem(S.MODERATION)
    client.force_login(moderator)
    data = _split_data(source)
    Problem.objects.filter(pk=source.pk).update(status=S.REJECTED)
    response = client.post(reverse("dialog:split", args=[source.pk]), data, follow=True)
    assert "уже в статусе «отклонена»" in response.content.decode()
    assert not Problem.objects.filter(split_from=source).exists()


def test_drafts_and_closed_problems_cannot_be_split(make_problem, moderator):
    for status in (S.DRAFT, S.SOLVED, S.REJECTED):
        source = make_problem(status)
        with pytest.raises(StaleTransition):
            splitting.split(source.pk, moderator, status, {"title": "x", "description": "y"})


def test_a_moderator_creates_a_cluster_once_and_edits_it(client, moderator):
    client.force_login(moderator)
    data = {"title": "Бесхозяйные сети", "summary": "Сети без собственника", "form_token": TOKEN}
    first = client.post(reverse("dialog:cluster_new"), data)
    client.post(reverse("dialog:cluster_new"), data)
    cluster = Cluster.objects.get()
    assert first["Location"] == reverse("dialog:cluster_edit", args=[cluster.pk])
    client.post(
        reverse("dialog:cluster_edit", args=[cluster.pk]),
        {"title": "Бесхозяйные сети ЖКХ", "summary": "Новое описание"},
    )
    cluster.refresh_from_db()
    assert cluster.title == "Бесхозяйные сети ЖКХ"
    assert LogEntry.objects.filter(object_id=str(cluster.pk), user=moderator).count() == 2


def test_a_cluster_form_refuses_an_empty_or_taken_title(client, moderator):
    Cluster.objects.create(title="Дороги")
    client.force_login(moderator)
    response = client.post(reverse("dialog:cluster_new"), {"title": "дороги", "summary": "x"})
    assert response.status_code == 400 and "Узел с таким названием уже есть." in (
        response.content.decode()
    )
    response = client.post(reverse("dialog:cluster_new"), {"title": "", "summary": "Описание"})
    assert "Назовите проблемный узел." in response.content.decode()
    assert "Описание" in response.content.decode()
    assert Cluster.objects.count() == 1


def test_problems_are_added_to_and_taken_out_of_a_cluster_on_the_site(
    client, make_problem, moderator
):
    cluster = Cluster.objects.create(title="Сети")
    problem = make_problem(S.PUBLISHED)
    client.force_login(moderator)
    url = reverse("dialog:cluster_problems", args=[cluster.pk])
    client.post(url, {"problem": problem.pk})
    problem.refresh_from_db()
    assert problem.cluster == cluster
    page = client.get(reverse("dialog:cluster_edit", args=[cluster.pk])).content.decode()
    assert problem.get_absolute_url() in page
    client.post(url, {"remove": problem.pk})
    problem.refresh_from_db()
    assert problem.cluster is None
    assert list(problem.history.filter(action="cluster").values_list("comment", flat=True)) == [
        "Включена в проблемный узел «Сети»",
        "Исключена из проблемного узла «Сети»",
    ]


def test_adding_a_missing_or_unpublished_problem_to_a_cluster_is_refused(
    client, make_problem, moderator
):
    cluster = Cluster.objects.create(title="Сети")
    draft = make_problem(S.MODERATION)
    client.force_login(moderator)
    url = reverse("dialog:cluster_problems", args=[cluster.pk])
    response = client.post(url, {"problem": "99999999"})
    assert response.status_code == 400 and "Такой проблемы нет." in response.content.decode()
    response = client.post(url, {"problem": draft.pk}, follow=True)
    assert "не опубликована" in response.content.decode()
    response = client.post(url, {"remove": "abc"}, follow=True)
    assert "Выберите проблему из списка узла." in response.content.decode()
    assert not Problem.objects.filter(cluster=cluster).exists()


def test_bulk_publish_return_and_reject_go_through_the_lifecycle(
    client, make_problem, moderator, dialog_expert
):
    problems = [make_problem(S.MODERATION) for _ in range(3)]
    client.force_login(moderator)
    url = reverse("dialog:bulk")
    client.post(url, {"problems": [problems[0].pk], "action": "publish"})
    client.post(
        url, {"problems": [problems[1].pk], "action": "return_to_author", "comment": "Уточните"}
    )
    client.post(url, {"problems": [problems[2].pk], "action": "reject", "reason": "duplicate"})
    for problem in problems:
        problem.refresh_from_db()
    assert [p.status for p in problems] == [S.REVIEW, S.RETURNED, S.REJECTED]
    assert problems[0].assignee == dialog_expert
    rejected = problems[2].history.get(target=S.REJECTED)
    assert rejected.actor == moderator and "Дублирует" in rejected.comment
    assert problems[1].history.get(target=S.RETURNED).comment == "Уточните"


def test_a_rejection_logs_its_templated_reason_or_the_moderators_own_words():
    assert reasoned_comment("reject", "duplicate", "") == "Дублирует уже опубликованную проблему"
    assert reasoned_comment("reject", "duplicate", "См. № 5") == (
        "Дублирует уже опубликованную проблему. См. № 5"
    )
    assert reasoned_comment("reject", "other", "Реклама подрядчика") == "Реклама подрядчика"
    with pytest.raises(ValidationError, match="Опишите причину"):
        reasoned_comment("reject", "other", "")
    with pytest.raises(ValidationError, match="Напишите автору"):
        reasoned_comment("return_to_author", "", "")


def test_bulk_without_a_reason_keeps_the_ticks_and_changes_nothing(client, make_problem, moderator):
    problems = [make_problem(S.MODERATION) for _ in range(2)]
    client.force_login(moderator)
    response = client.post(
        reverse("dialog:bulk"),
        {"problems": [p.pk for p in problems], "action": "reject", "comment": "Мой текст"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Выберите причину отклонения." in page
    assert page.count(" checked ") + page.count(" checked>") == 2 and "Мой текст" in page
    ids = [p.pk for p in problems]
    assert all(p.status == S.MODERATION for p in Problem.objects.filter(pk__in=ids))
    response = client.post(reverse("dialog:bulk"), {"action": "publish"})
    assert "Отметьте хотя бы одну проблему." in response.content.decode()
    response = client.post(reverse("dialog:bulk"), {"problems": ["x"], "action": "zzz"})
    assert response.status_code == 400


def test_bulk_skips_and_names_what_another_moderator_already_decided(
    client, make_problem, moderator
):
    fresh, decided = make_problem(S.MODERATION), make_problem(S.MODERATION)
    Problem.objects.filter(pk=decided.pk).update(status=S.REJECTED)
    client.force_login(moderator)
    response = client.post(
        reverse("dialog:bulk"),
        {"problems": [fresh.pk, decided.pk], "action": "publish"},
        follow=True,
    )
    page = response.content.decode()
    assert "Выполнено для проблем: 1." in page
    assert f"№ {decided.pk}: Действие не выполнено: проблема уже в статусе «отклонена»" in page
    assert Problem.objects.get(pk=decided.pk).status == S.REJECTED


def test_bulk_assigns_published_problems_to_a_cluster(client, make_problem, moderator):
    cluster = Cluster.objects.create(title="Сети")
    problems = [make_problem(S.PUBLISHED), make_problem(S.REVIEW)]
    client.force_login(moderator)
    listing = client.get(reverse("dialog:moderation") + "?scope=public").content.decode()
    assert all(f'value="{p.pk}"' in listing for p in problems)
    client.post(
        reverse("dialog:bulk"),
        {"problems": [p.pk for p in problems], "action": "cluster", "cluster": cluster.pk},
    )
    assert Problem.objects.filter(cluster=cluster).count() == 2
    response = client.post(
        reverse("dialog:bulk"), {"problems": [problems[0].pk], "action": "cluster"}
    )
    assert "Выберите проблемный узел." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_moderators_adding_one_problem_to_a_cluster_at_once_log_it_once(moderator):
    second = UserFactory(roles=[roles.MODERATOR])
    problem = problem_in(S.PUBLISHED)
    cluster = Cluster.objects.create(title="Сети")
    outcomes = []

    def add(user):
        try:
            clustering.include(problem.pk, cluster, user)
            outcomes.append("done")
        except StaleTransition as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(u,)) for u in (moderator, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[0] == "done" and "уже в узле" in sorted(outcomes)[1]
    assert problem.history.filter(action="cluster").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_moderators_splitting_the_same_page_at_once_make_one_part(moderator):
    second = UserFactory(roles=[roles.MODERATOR])
    source = problem_in(S.PUBLISHED)
    seen = source.updated_at.isoformat()
    part = {
        "direction": source.direction,
        "title": "Вторая проблема из того же текста",
        "description": "Описание второй проблемы, выделенной модератором из первой.",
    }
    outcomes = []

    def run(user):
        try:
            splitting.split(source.pk, user, S.PUBLISHED, part, seen=seen)
            outcomes.append("done")
        except StaleTransition as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(u,)) for u in (moderator, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[0] == "done" and "другой модератор" in sorted(outcomes)[1]
    assert Problem.objects.filter(split_from=source).count() == 1
    assert source.history.filter(action="split").count() == 1

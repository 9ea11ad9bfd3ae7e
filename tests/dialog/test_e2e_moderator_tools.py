"""In a real browser, as a moderator: bulk decisions on the moderation list, a cluster created
and filled on the site, a problem split in two — each screen axe-clean with one h1."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dialog.models import Cluster, Problem, ProblemStatus
from portal.community.moderation import report
from tests.dialog.factories import problem_in
from tests.dialog.test_e2e_dialog_flow import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
S = ProblemStatus


def assert_axe_clean(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    problems = [f"{v['id']}: {v['nodes'][0]['target']}" for v in results.response["violations"]]
    assert problems == [], page.url
    expect(page.locator("h1")).to_have_count(1)


def test_bulk_decisions_keep_the_ticks_on_an_error_and_apply_once_fixed(
    page, live_server, moderator, author, dialog_expert
):
    waiting = [
        problem_in(S.MODERATION, author=author, title=f"Реклама услуг подрядчика {n}")
        for n in range(2)
    ]
    sign_in(page, moderator, live_server)
    page.goto("/dialog/moderation/")
    assert_axe_clean(page)
    for problem in waiting:
        page.get_by_label(f"Выбрать проблему № {problem.pk}").check()
    page.get_by_label("Действие", exact=True).select_option("reject")
    page.get_by_role("button", name="Применить").click()
    expect(page.get_by_text("Выберите причину отклонения.")).to_be_visible()
    for problem in waiting:
        expect(page.get_by_label(f"Выбрать проблему № {problem.pk}")).to_be_checked()
    assert_axe_clean(page)
    page.get_by_label("Причина отклонения (для «Отклонить»)").select_option("offensive")
    page.get_by_role("button", name="Применить").click()
    expect(page.get_by_text("Выполнено для проблем: 2.")).to_be_visible()
    assert set(Problem.objects.values_list("status", flat=True)) == {S.REJECTED}


def test_the_moderation_list_fits_a_phone(page, live_server, moderator, author):
    problem_in(S.MODERATION, author=author, title="Проблема с длинным названием " * 3)
    sign_in(page, moderator, live_server)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/dialog/moderation/")
    expect(page.get_by_label("Причина отклонения (для «Отклонить»)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_cluster_is_created_filled_and_emptied_on_the_site(page, live_server, moderator, author):
    problem = problem_in(S.REVIEW, author=author, title="Нет средств на бесхозяйные сети")
    sign_in(page, moderator, live_server)
    page.goto("/dialog/clusters/")
    page.get_by_role("link", name="Создать узел").click()
    assert_axe_clean(page)
    page.get_by_label("Название узла").fill("Бесхозяйные сети")
    page.get_by_label("Краткое описание").fill("Сети без собственника в разных регионах")
    page.get_by_role("button", name="Создать узел").click()
    expect(page.get_by_text("Проблемный узел создан.")).to_be_visible()
    cluster = Cluster.objects.get()
    page.get_by_label("Номер проблемы").fill(str(problem.pk))
    page.get_by_role("button", name="Включить в узел").click()
    expect(page.get_by_text(f"Проблема № {problem.pk} включена в узел.")).to_be_visible()
    expect(page.get_by_role("link", name=f"№ {problem.pk} {problem.title}")).to_be_visible()
    assert_axe_clean(page)
    page.goto(cluster.get_absolute_url())
    expect(page.get_by_role("link", name=problem.title)).to_be_visible()
    page.get_by_role("link", name="Управлять узлом").click()
    page.get_by_role("button", name=f"Исключить из узла проблему № {problem.pk}").click()
    expect(page.get_by_text("В узле пока нет проблем.")).to_be_visible()
    assert Problem.objects.get(pk=problem.pk).cluster is None


def test_a_moderator_splits_a_problem_and_both_pages_say_so(
    page, live_server, moderator, author, dialog_expert
):
    source = problem_in(S.PUBLISHED, author=author, title="Сети и дорога к школе")
    sign_in(page, moderator, live_server)
    page.goto(source.get_absolute_url())
    page.get_by_role("link", name="Разделить проблему").click()
    assert_axe_clean(page)
    page.get_by_label("Суть новой проблемы").fill("Нет денег на ремонт подъездной дороги к школе")
    page.get_by_label("Описание новой проблемы").fill(
        "Дорога к школе в частной собственности, бюджет не может её ремонтировать."
    )
    page.get_by_role("button", name="Выделить в отдельную проблему").click()
    part = Problem.objects.get(split_from=source)
    expect(page.get_by_text(f"Выделена отдельная проблема № {part.pk}.")).to_be_visible()
    expect(page.get_by_role("link", name=f"№ {source.pk}").first).to_be_visible()
    expect(page.get_by_text("выделена из другой проблемы")).to_be_visible()
    assert_axe_clean(page)
    page.goto(source.get_absolute_url())
    expect(page.get_by_text("выделена отдельная проблема")).to_be_visible()


def test_the_author_sees_why_a_reported_problem_is_hidden(page, live_server, moderator, author):
    problem = problem_in(S.REVIEW, author=author)
    report(moderator, problem, "personal", "Телефон жителя")
    sign_in(page, author, live_server)
    page.goto(problem.get_absolute_url())
    expect(page.get_by_text("Проблема скрыта по жалобам до решения модератора")).to_be_visible()
    assert_axe_clean(page)

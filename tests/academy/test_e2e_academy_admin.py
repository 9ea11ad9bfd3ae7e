"""In a real browser: the programme page, course search, a course discussion, and the academy
administrator's survey results and accommodations — each page axe-clean (WCAG 2.x A/AA)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from academy.models import (
    Accommodation,
    CourseFeedback,
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeCourse,
)
from portal.accounts import roles
from tests.academy.factories import make_course, make_quiz
from tests.academy.test_e2e_academy import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def assert_axe_clean(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    problems = [f"{v['id']}: {v['nodes'][0]['target']}" for v in results.response["violations"]]
    assert problems == [], page.url
    expect(page.locator("h1")).to_have_count(1)


def test_a_learner_follows_a_programme_searches_and_discusses_a_course(page, live_server):
    data_course = make_course(
        title="Открытые данные муниципалитета", summary="Публикация наборов данных"
    )
    strategy = make_course(title="Стратегия развития", summary="Цели и показатели")
    programme = Programme.objects.create(
        title="Школа мэров", slug="shkola-merov", summary="Для глав", mandatory_for=["head"]
    )
    for order, course in enumerate([strategy, data_course]):
        ProgrammeCourse.objects.create(programme=programme, sort_order=order, course=course)
    learner = UserFactory(position="Глава сельского поселения", roles=[roles.EMPLOYEE])
    Enrollment.enrol(learner, data_course)
    sign_in(page, live_server, learner)

    page.goto("/academy/")
    page.get_by_role("link", name="Программы").click()
    page.get_by_role("link", name="Школа мэров").click()
    expect(page.get_by_text("Обязательно для вашей должности")).to_be_visible()
    expect(page.get_by_text("Завершено курсов: 0 из 2")).to_be_visible()
    expect(page.get_by_text("учится, 0 %")).to_be_visible()
    assert_axe_clean(page)

    page.goto("/academy/")
    page.get_by_label("Поиск по курсам").fill("данных")
    page.get_by_role("search", name="Поиск и фильтр курсов").get_by_role(
        "button", name="Найти"
    ).click()
    expect(page.get_by_role("link", name="Открытые данные муниципалитета")).to_be_visible()
    expect(page.get_by_role("link", name="Стратегия развития")).to_have_count(0)

    page.get_by_role("link", name="Открытые данные муниципалитета").click()
    page.get_by_label("Ваш комментарий").fill("Где взять шаблон реестра наборов?")
    page.get_by_role("button", name="Отправить", exact=True).click()
    expect(page.get_by_text("Где взять шаблон реестра наборов?")).to_be_visible()
    assert_axe_clean(page)


def test_an_administrator_reads_survey_results_and_grants_an_accommodation(page, live_server):
    course = make_course(
        title="Работа с обращениями", quiz=make_quiz(title="Итоговый по обращениям")
    )
    for rating, comment in [(5, "Всё понятно"), (2, "<b>Мало примеров</b>")]:
        enrollment = Enrollment.objects.create(
            user=UserFactory(), course=course, status=EnrollmentStatus.COMPLETED
        )
        CourseFeedback.objects.create(
            enrollment=enrollment, rating=rating, useful=rating > 3, comment=comment
        )
    learner = UserFactory(email="learner@example.ru")
    admin = UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.ACADEMY_ADMIN])
    sign_in(page, live_server, admin)

    page.goto("/academy/manage/requests/")
    page.get_by_role("link", name="Результаты опросов").click()
    assert_axe_clean(page)
    page.get_by_role("link", name="Работа с обращениями").click()
    expect(page.get_by_text("Ответов: 2")).to_be_visible()
    expect(page.get_by_text("<b>Мало примеров</b>")).to_be_visible()
    assert_axe_clean(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать ответы (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        assert "Мало примеров" in exported.read()

    page.goto("/academy/manage/accommodations/")
    page.get_by_label("E-mail слушателя").fill("nobody@example.ru")
    page.get_by_label("Тест").select_option(label="Итоговый по обращениям")
    page.get_by_label("Дополнительное время, минут").fill("30")
    page.get_by_role("button", name="Сохранить условия").click()
    expect(page.get_by_text("Пользователь с таким e-mail не найден.")).to_be_visible()
    expect(page.get_by_label("Дополнительное время, минут")).to_have_value("30")
    assert_axe_clean(page)

    page.get_by_label("E-mail слушателя").fill(learner.email)
    page.get_by_label("Дополнительные попытки").fill("2")
    page.get_by_role("button", name="Сохранить условия").click()
    expect(page.get_by_text("Условия сохранены")).to_be_visible()
    expect(page.get_by_role("cell", name="30 мин")).to_be_visible()
    assert_axe_clean(page)
    accommodation = Accommodation.objects.get(user=learner)
    assert (accommodation.extra_minutes, accommodation.extra_attempts) == (30, 2)

"""A visitor narrows the catalogue to a direction and opens a practice."""

import re

import pytest
from playwright.sync_api import expect

from tests.navigator.factories import SphereFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_filter_by_direction_and_open_a_practice(page):
    # Own spheres: a browser test must not depend on what an earlier test's flush left behind.
    utilities = SphereFactory(name="Коммунальное хозяйство (тест)", slug="e2e-utilities")
    heating = SphereFactory(name="Теплоснабжение (тест)", slug="e2e-heating", parent=utilities)
    roads = SphereFactory(name="Дороги (тест)", slug="e2e-roads")
    PracticeFactory(
        title="Дистанционный контроль котельных",
        spheres=[heating],
        key_result="Аварийных остановок — 2 вместо 19",
    )
    PracticeFactory(title="Безопасные маршруты к школам", spheres=[roads])

    page.goto("/practices/")
    page.get_by_label("Коммунальное хозяйство (тест) (1)").check()
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url(re.compile(r"sphere=e2e-utilities"))
    expect(page.get_by_role("link", name="Безопасные маршруты к школам")).to_have_count(0)

    page.get_by_role("link", name="Дистанционный контроль котельных").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Дистанционный контроль котельных")
    expect(page.get_by_text("Аварийных остановок — 2 вместо 19").first).to_be_visible()
    expect(page.get_by_role("link", name="Войдите, чтобы увидеть контакты")).to_be_visible()

"""The home page and the navigator know who is looking: the employee's own region first with a
switch to all, regions named, no measure twice, Russian plurals, and a measure page that says
when it does not apply to the employee's municipality."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts import roles
from portal.templatetags.plural import plural_form
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.navigator.factories import SupportMeasureFactory
from tests.portal.page_helpers import home_with_indexes
from tests.site_pages import sign_in


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "день"), (2, "дня"), (4, "дня"), (5, "дней"), (11, "дней"), (12, "дней"), (14, "дней"),
     (21, "день"), (22, "дня"), (25, "дней"), (101, "день"), (111, "дней"), (0, "дней")],
)  # fmt: skip
def test_russian_plural_forms(number, expected):
    assert plural_form(number, ("день", "дня", "дней")) == expected


def test_the_deadline_badge_says_days_in_proper_russian():
    template = Template('{% include "navigator/includes/deadline_badge.html" %}')
    texts = []
    for days in (1, 2, 5):
        measure = SupportMeasureFactory.build(
            opens_on=timezone.localdate() - timedelta(days=3),
            closes_on=timezone.localdate() + timedelta(days=days),
        )
        texts.append(" ".join(template.render(Context({"measure": measure})).split()))
    assert [text.split(" — ")[0].split(">")[-1] for text in texts] == [
        "Остался 1 день",
        "Осталось 2 дня",
        "Осталось 5 дней",
    ]


@pytest.fixture
def world(db):
    home_with_indexes()
    home, away = RegionFactory(), RegionFactory()
    town = MunicipalityFactory(region=home, population=50_000)
    soon = timezone.localdate() + timedelta(days=5)
    mine = SupportMeasureFactory(title="Субсидия на ремонт дорог", closes_on=soon, regions=[home])
    theirs = SupportMeasureFactory(title="Субсидия на ремонт дорог", closes_on=soon, regions=[away])
    federal = SupportMeasureFactory(title="Федеральный конкурс малых городов", closes_on=soon)
    employee = UserFactory(municipality=town, roles=[roles.EMPLOYEE])
    return {"home": home, "away": away, "employee": employee, "mine": mine, "theirs": theirs,
            "federal": federal}  # fmt: skip


def deadlines(tab):
    return tab.locator(".home-block--navigator-closing li").evaluate_all(
        "items => items.map(i => i.querySelector('a').textContent + ' | '"
        " + i.querySelector('.meta').textContent)"
    )


@pytest.mark.django_db(transaction=True)
def test_an_employee_sees_deadlines_of_their_region_first_and_can_switch_to_all(
    page, live_server, world
):
    sign_in(page.context, live_server.url, world["employee"])
    page.goto("/")
    home, away = world["home"].name, world["away"].name
    assert sorted(deadlines(page)) == sorted(
        [f"Субсидия на ремонт дорог | {home}", "Федеральный конкурс малых городов | вся Россия"]
    )
    page.get_by_role("link", name="Показать все регионы").click()
    # The click starts a navigation; read the list only once the new page has replaced the old.
    expect(page.get_by_role("link", name="Только для моего муниципалитета")).to_be_visible()
    shown = deadlines(page)
    assert sorted(shown) == sorted(
        [
            f"Субсидия на ремонт дорог | {home}",
            f"Субсидия на ремонт дорог | {away}",
            "Федеральный конкурс малых городов | вся Россия",
        ]
    )
    assert len(shown) == len(set(shown))


@pytest.mark.django_db(transaction=True)
def test_the_navigator_list_opens_on_the_employees_region(page, live_server, world):
    sign_in(page.context, live_server.url, world["employee"])
    page.goto("/navigator/")
    expect(page.locator(".navigator-list__scope")).to_contain_text(world["home"].name)
    expect(page.locator("#navigator-results-title")).to_have_text("Найдено: 2")
    page.get_by_role("link", name="Показать все регионы").click()
    expect(page.locator("#navigator-results-title")).to_have_text("Найдено: 3")


@pytest.mark.django_db(transaction=True)
def test_a_measure_page_says_plainly_when_it_does_not_apply_to_my_municipality(
    page, live_server, world
):
    sign_in(page.context, live_server.url, world["employee"])
    page.goto(world["theirs"].get_absolute_url())
    expect(page.locator("#measure-fit")).to_contain_text(
        "Эта мера не подходит для вашего муниципалитета"
    )
    expect(page.locator("#measure-fit")).to_contain_text(world["home"].name)
    page.goto(world["mine"].get_absolute_url())
    expect(page.locator("#measure-fit")).to_contain_text(
        "Мера распространяется на ваш муниципалитет"
    )


@pytest.mark.django_db(transaction=True)
def test_guests_see_every_region_named(page, live_server, world):
    page.goto("/")
    assert len(deadlines(page)) == 3
    expect(page.get_by_role("link", name="Показать все регионы")).to_have_count(0)

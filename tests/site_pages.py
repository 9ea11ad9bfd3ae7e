"""Every page type of the portal, in one list, for the browser checks that walk the whole site
(axe-core in tests/portal/test_accessibility.py, no sideways scroll in test_small_screens.py).

A new page type is one more line in PAGES: a name and its address, either a fixed path or a
function of the `SiteData` built below (add what the page needs to `build_site`).
See docs/accessibility.md.
"""

import json
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client

from academy.models import Programme
from legal_vector.models import Consultation
from navigator.models import ReadySolutionIndexPage, ReadySolutionPage
from portal.accounts import roles
from tests.academy.factories import make_course
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.legal_vector.conftest import import_sample
from tests.navigator.factories import SphereFactory, SupportMeasureFactory
from tests.portal.page_helpers import add_event, add_news, home_with_indexes, publish
from tests.practices.factories import PracticeFactory


@dataclass
class SiteData:
    """One object of each kind a detail page needs, and the users who look at them."""

    employee: object
    other_employee: object
    news: object
    event: object
    document: object
    consultation: object
    other_consultation: object
    measure: object
    solutions: object
    solution: object
    practice: object
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SitePage:
    name: str
    path: object  # a path, or a function of SiteData returning one

    def url(self, data):
        return self.path(data) if callable(self.path) else self.path


PAGES = [
    SitePage("home", "/"),
    SitePage("news list", "/news/"),
    SitePage("news page", lambda d: d.news.url),
    SitePage("events list", "/events/"),
    SitePage("event page", lambda d: d.event.url),
    SitePage("site search", "/search/?q=субсидия"),
    SitePage("legal landing", "/legal/"),
    SitePage("legal search", "/legal/search/?q=местного самоуправления"),
    SitePage("legal document", lambda d: d.document.get_absolute_url()),
    SitePage("legal ask", "/legal/ask/?q=публичные слушания"),
    SitePage("legal consultations", "/legal/consultations/"),
    SitePage("legal consultation", lambda d: d.consultation.get_absolute_url()),
    SitePage("navigator list", "/navigator/"),
    SitePage("navigator measure", lambda d: d.measure.get_absolute_url()),
    SitePage("navigator for me", "/navigator/for-me/"),
    SitePage("navigator solutions", lambda d: d.solutions.url),
    SitePage("navigator solution", lambda d: d.solution.url),
    SitePage("practices list", "/practices/"),
    SitePage("practice page", lambda d: d.practice.get_absolute_url()),
    SitePage("cabinet", "/cabinet/"),
    SitePage("notifications", "/cabinet/notifications/"),
    SitePage("login", "/accounts/login/"),
    SitePage("signup", "/accounts/signup/"),
    SitePage("403", lambda d: d.other_consultation.get_absolute_url()),
    SitePage("404", "/no-such-page/"),
]


def build_site():
    """A small portal with one of everything; the regional measure sits in the employee's region."""
    region = RegionFactory()
    municipality = MunicipalityFactory(region=region, name="Бердск")
    employee = UserFactory(
        municipality=municipality, roles=[roles.EMPLOYEE], position="Глава поселения"
    )
    other = UserFactory(roles=[roles.EMPLOYEE])
    home, news_index, events_index = home_with_indexes()
    # The home page's academy block then shows its «рекомендовано для вашей должности» part.
    make_course(title="Стратегия развития поселения", audience=["head"], lessons=1)
    Programme.objects.create(
        title="Школа мэров", slug="site-mayors", summary="Для глав.", mandatory_for=["head"]
    )
    direction = SphereFactory(name="Дороги и транспорт", slug="site-roads")
    measure = SupportMeasureFactory(
        title="Субсидия на ремонт дорог местного значения", spheres=[direction], regions=[region]
    )
    SupportMeasureFactory(title="Грант на благоустройство общественных пространств")
    solutions = publish(home, ReadySolutionIndexPage(title="Готовые решения", slug="solutions"))
    step = {"title": "Подать заявку", "text": "<p>Соберите документы.</p>", "measures": []}
    solution = publish(
        solutions,
        ReadySolutionPage(
            title="Отремонтировать дорогу",
            slug="road",
            problem="Покрытие разрушено.",
            steps=json.dumps([{"type": "step", "value": step}]),
        ),
    )
    document = import_sample().document
    consultation, _ = Consultation.submit(
        employee, "Как провести публичные слушания?", uuid.uuid4()
    )
    other_consultation, _ = Consultation.submit(other, "Чужой вопрос юристу", uuid.uuid4())
    return SiteData(
        employee=employee,
        other_employee=other,
        news=add_news(news_index, 1),
        event=add_event(events_index, 1, days_from_now=5),
        document=document,
        consultation=consultation,
        other_consultation=other_consultation,
        measure=measure,
        solutions=solutions,
        solution=solution,
        practice=PracticeFactory(municipality=municipality, spheres=[direction]),
    )


def sign_in(context, base_url, user):
    """Give a browser context the session of `user` (the sign-in form has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def low_vision(context, base_url):
    context.add_cookies([{"name": "low_vision", "value": "1", "url": base_url}])

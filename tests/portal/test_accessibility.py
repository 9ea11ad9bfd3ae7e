"""axe-core over every page type (tests/site_pages.py): a guest and an employee, in the normal
and the visually-impaired mode and on a 390 px phone. Any WCAG 2.0/2.1/2.2 A or AA violation
fails the test. See docs/accessibility.md."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.site_pages import PAGES, build_site, low_vision, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
MODES = {
    "normal": {"viewport": {"width": 1280, "height": 900}, "visually_impaired": False},
    "visually-impaired": {"viewport": {"width": 1280, "height": 900}, "visually_impaired": True},
    "phone": {"viewport": {"width": 390, "height": 844}, "visually_impaired": False},
}


def violations_on_every_page(browser, base_url, data, *, user, mode):
    """{page name: ["rule-id: how many nodes", …]} for the pages with violations."""
    settings = MODES[mode]
    context = browser.new_context(base_url=base_url, locale="ru-RU", viewport=settings["viewport"])
    if user:
        sign_in(context, base_url, user)
    if settings["visually_impaired"]:
        low_vision(context, base_url)
    tab = context.new_page()
    axe = Axe()
    found, checked = {}, 0
    for site_page in PAGES:
        tab.goto(site_page.url(data))
        results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        checked += 1
        problems = [
            f"{v['id']}: {len(v['nodes'])} ({v['nodes'][0]['target']})"
            for v in results.response["violations"]
        ]
        if problems:
            found[site_page.name] = problems
    context.close()
    return found, checked


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("role", ["guest", "employee"])
def test_no_page_has_wcag_violations(browser, live_server, role, mode):
    data = build_site()
    user = data.employee if role == "employee" else None
    found, checked = violations_on_every_page(browser, live_server.url, data, user=user, mode=mode)
    assert found == {}
    assert checked == len(PAGES)

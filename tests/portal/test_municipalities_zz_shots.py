import pytest

from portal.municipalities.importing import load_reference_data
from portal.municipalities.models import Municipality, Region

pytestmark = pytest.mark.django_db(transaction=True)
OUT = "/tmp/munis/shots/"


@pytest.fixture(autouse=True)
def _data(transactional_db):
    load_reference_data(Region, Municipality)


def test_shots(page, browser, live_server):
    page.goto("/accounts/signup/")
    field = page.get_by_role("combobox", name="Муниципальное образование")
    field.press_sequentially("Красноярк")
    page.get_by_role("option").first.wait_for()
    field.press("ArrowDown")
    field.scroll_into_view_if_needed()
    page.screenshot(path=OUT + "1_signup_autocomplete.png", full_page=False)
    page.set_viewport_size({"width": 360, "height": 740})
    field.scroll_into_view_if_needed()
    page.screenshot(path=OUT + "2_signup_autocomplete_360.png")
    page.goto("/municipalities/choose/?q=Кировский&next=/accounts/signup/&field=municipality")
    page.screenshot(path=OUT + "3_chooser.png", full_page=True)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    nojs = context.new_page()
    nojs.goto("/accounts/signup/")
    nojs.get_by_label("Муниципальное образование").fill("Кировский район")
    nojs.get_by_role("button", name="Зарегистрироваться").click()
    nojs.get_by_role("radio").first.scroll_into_view_if_needed()
    nojs.screenshot(path=OUT + "4_signup_nojs_candidates.png")
    context.close()

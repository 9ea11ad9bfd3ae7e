"""The municipality widget in a real browser: with the script, and with JavaScript switched off."""

import pytest
from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from portal.municipalities.forms import MunicipalityField
from portal.municipalities.models import Municipality

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls(__name__)]

PAGE = engines["django"].from_string(
    """{% load static %}<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Проверка виджета</title>
<link rel="stylesheet" href="{% static 'css/portal.css' %}"></head>
<body><main class="container"><form method="post">{{ form.as_p }}
<button type="submit">Сохранить</button></form>
{% if chosen %}<p id="chosen">{{ chosen.full_name }}</p>{% endif %}</main></body></html>"""
)


class PlaceForm(forms.Form):
    municipality = MunicipalityField(label="Муниципальное образование")


@csrf_exempt
def place_form(request):
    """Anyone: a bare page with the widget, served only to these tests."""
    form = PlaceForm(request.POST or None)
    chosen = form.cleaned_data["municipality"] if form.is_bound and form.is_valid() else None
    return HttpResponse(PAGE.render({"form": form, "chosen": chosen}, request))


urlpatterns = [
    path("form/", place_form),
    path("municipalities/", include("portal.municipalities.urls")),
]


def test_typing_with_a_typo_offers_the_city_and_the_keyboard_chooses_it(page, tmp_path):
    page.goto("/form/")
    field = page.get_by_role("combobox", name="Муниципальное образование")

    field.press_sequentially("Красноярк")
    option = page.get_by_role("option").first
    option.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert option.inner_text().startswith("Красноярск (Красноярский край)")
    page.screenshot(path=tmp_path / "autocomplete.png")
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == option.get_attribute("id")
    field.press("Enter")
    assert field.get_attribute("aria-expanded") == "false"
    page.get_by_role("button", name="Сохранить").click()

    krasnoyarsk = Municipality.objects.get(name="Красноярск")
    assert page.locator("#chosen").inner_text() == krasnoyarsk.full_name


def test_without_javascript_an_ambiguous_name_is_settled_with_radio_buttons(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/form/")
        page.get_by_label("Муниципальное образование").fill("Кировский район")
        page.get_by_role("button", name="Сохранить").click()

        page.get_by_role("radio", name="Кировский район (Махачкала").check()
        page.get_by_role("button", name="Сохранить").click()

        assert (
            page.locator("#chosen").inner_text()
            == "Кировский район (Махачкала, Республика Дагестан)"
        )
    finally:
        context.close()

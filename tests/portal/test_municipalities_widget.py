"""MunicipalityField and its widget: usable without JavaScript, enhanced with it."""

import pytest
from django import forms

from portal.municipalities.forms import MunicipalityField
from portal.municipalities.models import Municipality

pytestmark = pytest.mark.django_db


class PlaceForm(forms.Form):
    municipality = MunicipalityField(label="Муниципальное образование")


def submit(text, chosen_id=""):
    return PlaceForm({"municipality": text, "municipality_id": chosen_id})


def test_a_unique_name_typed_without_javascript_is_resolved_on_the_server():
    form = submit("Ижевск")

    assert form.is_valid()
    assert form.cleaned_data["municipality"] == Municipality.objects.get(name="Ижевск")


def test_the_full_name_shown_by_the_autocomplete_resolves_a_common_name():
    samara_kirovsky = Municipality.objects.get(name="Кировский район", parent__name="Самара")

    form = submit(samara_kirovsky.full_name)

    assert form.is_valid()
    assert form.cleaned_data["municipality"] == samara_kirovsky


def test_an_oktmo_code_resolves_the_municipality():
    kazan = Municipality.objects.get(name="Казань")

    form = submit(kazan.oktmo)

    assert form.is_valid()
    assert form.cleaned_data["municipality"] == kazan


def test_an_ambiguous_name_asks_to_choose_among_radio_buttons_and_keeps_the_text():
    form = submit("Кировский район")

    assert not form.is_valid()
    assert "подходят несколько муниципальных образований" in form.errors["municipality"][0]
    html = str(form["municipality"])
    same_name = Municipality.objects.filter(name="Кировский район").count()
    assert same_name > 1
    assert html.count('type="radio" name="municipality_id"') == same_name
    assert 'value="Кировский район"' in html
    assert "Кировский район (Самара, Самарская область)" in html


def test_choosing_a_radio_button_resolves_the_ambiguous_name():
    makhachkala_kirovsky = Municipality.objects.get(
        name="Кировский район", parent__name="Махачкала"
    )

    form = submit("Кировский район", makhachkala_kirovsky.pk)

    assert form.is_valid()
    assert form.cleaned_data["municipality"] == makhachkala_kirovsky


def test_a_stale_choice_does_not_override_newly_typed_text():
    kazan = Municipality.objects.get(name="Казань")

    form = submit("Ижевск", kazan.pk)

    assert form.is_valid()
    assert form.cleaned_data["municipality"].name == "Ижевск"


def test_an_unknown_name_gets_a_clear_russian_error():
    form = submit("Атлантида-на-Дону-и-Волге")

    assert not form.is_valid()
    assert form.errors["municipality"] == [
        "Муниципальное образование «Атлантида-на-Дону-и-Волге» не найдено. "
        "Проверьте название или введите код ОКТМО."
    ]


def test_an_empty_required_field_asks_for_a_municipality():
    form = submit("   ", "")

    assert not form.is_valid()
    assert form.errors["municipality"] == ["Укажите муниципальное образование."]


def test_the_widget_renders_an_accessible_combobox_with_a_label_and_a_chooser_link():
    kazan = Municipality.objects.get(name="Казань")
    form = PlaceForm(initial={"municipality": kazan.pk})
    form.fields["municipality"].widget.next_url = "/cabinet/profile/"

    html = form.as_p()

    assert '<label for="id_municipality">' in html
    assert 'role="combobox"' in html and 'aria-controls="id_municipality_listbox"' in html
    assert 'aria-describedby="id_municipality_hint"' in html
    assert f'value="{kazan.full_name}"' in html
    assert f'name="municipality_id" value="{kazan.pk}"' in html
    assert "/municipalities/choose/?field=municipality&amp;next=%2Fcabinet%2Fprofile%2F" in html
    assert "js/municipality_autocomplete.js" in html
    assert "<script>" not in html and "style=" not in html and "onclick" not in html


def test_an_initial_id_from_the_chooser_page_is_shown_by_name():
    izhevsk = Municipality.objects.get(name="Ижевск")

    html = str(PlaceForm(initial={"municipality": str(izhevsk.pk)})["municipality"])

    assert izhevsk.full_name in html


def test_a_bogus_initial_id_renders_an_empty_field():
    html = str(PlaceForm(initial={"municipality": "drop table"})["municipality"])

    assert 'name="municipality" value=""' in html

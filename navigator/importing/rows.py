"""Validation of one imported row: from text cells to the values of a SupportMeasure."""

import nh3
from django import forms
from django.utils.html import escape

from navigator.models import (
    MeasureKind,
    MeasureLevel,
    Organisation,
    Programme,
    Recurrence,
)
from portal.models import Sphere
from portal.municipalities.models import MunicipalityType, Region

LIST_SEPARATOR = ";"
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
REQUIRED_COLUMNS = ["source_id", "title", "summary", "kind", "level", "organiser"]
RELATION_FIELDS = ["organiser", "operator", "programme"]
MANY_FIELDS = ["spheres", "regions"]
RICH_TEXT_TAGS = {"p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "a", "h3"}
YES = {"да", "yes", "true", "1"}
NO = {"нет", "no", "false", "0", ""}


def _choice_by_value_or_label(choices, text):
    text = text.strip().lower()
    for value, label in choices:
        if text in (value, label.lower()):
            return value
    return None


class Vocabulary:
    """Organisations, programmes, spheres and regions loaded once for the whole file."""

    def __init__(self):
        self.organisations = {}
        for organisation in Organisation.objects.all():
            for key in (organisation.name, organisation.short_name, organisation.slug):
                if key:
                    self.organisations[key.lower()] = organisation
        self.programmes = {}
        for programme in Programme.objects.all():
            self.programmes[programme.name.lower()] = programme
            self.programmes[programme.slug] = programme
        self.spheres = {}
        for sphere in Sphere.objects.all():
            self.spheres[sphere.slug] = sphere
            self.spheres[sphere.name.lower()] = sphere
        self.regions = {region.code: region for region in Region.objects.all()}
        self.regions.update({region.name.lower(): region for region in self.regions.values()})


class MeasureRowForm(forms.Form):
    source_id = forms.CharField(max_length=100)
    title = forms.CharField(max_length=300)
    summary = forms.CharField(max_length=600)
    description = forms.CharField(required=False)
    kind = forms.CharField()
    level = forms.CharField()
    organiser = forms.CharField()
    operator = forms.CharField(required=False)
    programme = forms.CharField(required=False)
    spheres = forms.CharField(required=False)
    regions = forms.CharField(required=False)
    municipality_types = forms.CharField(required=False)
    population_min = forms.IntegerField(required=False, min_value=0)
    population_max = forms.IntegerField(required=False, min_value=0)
    other_conditions = forms.CharField(required=False)
    funded_items = forms.CharField(required=False)
    amount_min = forms.IntegerField(required=False, min_value=0)
    amount_max = forms.IntegerField(required=False, min_value=0)
    cofinancing_min = forms.IntegerField(required=False, min_value=0, max_value=100)
    cofinancing_max = forms.IntegerField(required=False, min_value=0, max_value=100)
    is_competitive = forms.CharField(required=False)
    opens_on = forms.DateField(required=False, input_formats=DATE_FORMATS)
    pre_application_on = forms.DateField(required=False, input_formats=DATE_FORMATS)
    closes_on = forms.DateField(required=False, input_formats=DATE_FORMATS)
    recurrence = forms.CharField(required=False)
    required_documents = forms.CharField(required=False)
    how_to_apply = forms.CharField(required=False)
    legal_basis_note = forms.CharField(required=False)
    contacts = forms.CharField(required=False)
    application_url = forms.URLField(required=False, max_length=1000, assume_scheme="https")
    source_url = forms.URLField(required=False, max_length=1000, assume_scheme="https")
    verified_on = forms.DateField(required=False, input_formats=DATE_FORMATS)

    def __init__(self, data, vocabulary, *, updating=False):
        super().__init__(data)
        self.vocabulary = vocabulary
        # An update changes only the columns the file has; a new measure needs them all.
        self.updating = updating

    def given_values(self):
        """The cleaned values of the columns present in the row (all of them for a new one)."""
        if not self.updating:
            return dict(self.cleaned_data)
        return {name: value for name, value in self.cleaned_data.items() if name in self.data}

    def clean_description(self):
        return rich_text(self.cleaned_data["description"])

    def clean_kind(self):
        return self._choice(MeasureKind.choices, "kind", "вид поддержки")

    def clean_level(self):
        return self._choice(MeasureLevel.choices, "level", "уровень")

    def clean_recurrence(self):
        if not self.cleaned_data.get("recurrence"):
            return Recurrence.ONE_OFF
        return self._choice(Recurrence.choices, "recurrence", "периодичность")

    def clean_is_competitive(self):
        text = self.cleaned_data["is_competitive"].lower()
        if text not in YES | NO:
            raise forms.ValidationError("Укажите «да» или «нет».")
        return text in YES

    def clean_organiser(self):
        return self._lookup(self.vocabulary.organisations, "organiser", "Организация")

    def clean_operator(self):
        return self._lookup(self.vocabulary.organisations, "operator", "Организация")

    def clean_programme(self):
        return self._lookup(self.vocabulary.programmes, "programme", "Программа")

    def clean_spheres(self):
        return self._lookup_many(self.vocabulary.spheres, "spheres", "Сфера")

    def clean_regions(self):
        return self._lookup_many(self.vocabulary.regions, "regions", "Регион")

    def clean_municipality_types(self):
        values = []
        for item in _items(self.cleaned_data["municipality_types"]):
            value = _choice_by_value_or_label(MunicipalityType.choices, item)
            if value is None:
                raise forms.ValidationError(f"Неизвестный тип МО «{item}».")
            values.append(value)
        return sorted(set(values))

    def clean(self):
        data = super().clean()
        pairs = [
            ("population_min", "population_max", "Население «от» больше, чем «до»."),
            ("amount_min", "amount_max", "Сумма «от» больше, чем «до»."),
            ("cofinancing_min", "cofinancing_max", "Софинансирование «от» больше, чем «до»."),
            ("opens_on", "closes_on", "Приём заканчивается раньше, чем начинается."),
        ]
        for low, high, message in pairs:
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, message)
        needs_deadline = data.get("recurrence") != Recurrence.PERMANENT
        deadline_given = not self.updating or "closes_on" in self.data
        if needs_deadline and deadline_given and "closes_on" in data and data["closes_on"] is None:
            self.add_error(
                "closes_on", "Нужна дата окончания приёма (или периодичность «постоянно»)."
            )
        return data

    def _choice(self, choices, name, what):
        value = _choice_by_value_or_label(choices, self.cleaned_data[name])
        if value is None:
            raise forms.ValidationError(
                f"Непонятное значение «{self.cleaned_data[name]}» ({what})."
            )
        return value

    def _lookup(self, table, name, what):
        text = self.cleaned_data[name].strip()
        if not text:
            return None
        found = table.get(text.lower()) or table.get(text)
        if found is None:
            raise forms.ValidationError(f"{what} «{text}» не найдена в справочнике.")
        return found

    def _lookup_many(self, table, name, what):
        found, missing = [], []
        for item in _items(self.cleaned_data[name]):
            value = table.get(item.lower()) or table.get(item)
            (found if value is not None else missing).append(value or item)
        if missing:
            raise forms.ValidationError(f"{what}: не найдено «{'», «'.join(missing)}».")
        return found


def rich_text(text):
    """Editors' HTML reduced to what the rich text editor allows; plain text becomes paragraphs."""
    if not text:
        return ""
    if "<" not in text:
        paragraphs = [escape(p.strip()) for p in text.split("\n\n") if p.strip()]
        return "".join(f"<p>{p}</p>" for p in paragraphs)
    return nh3.clean(text, tags=RICH_TEXT_TAGS, attributes={"a": {"href"}})


def _items(text):
    return [
        item.strip()
        for item in text.replace("\n", LIST_SEPARATOR).split(LIST_SEPARATOR)
        if item.strip()
    ]


def missing_columns(rows):
    columns = set().union(*(row.keys() for row in rows))
    return [column for column in REQUIRED_COLUMNS if column not in columns]


def duplicate_source_ids(rows):
    seen, duplicates = set(), set()
    for row in rows:
        source_id = row.get("source_id", "")
        if source_id in seen:
            duplicates.add(source_id)
        seen.add(source_id)
    return sorted(duplicates - {""})

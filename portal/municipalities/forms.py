from django import forms
from django.core.exceptions import ValidationError

from portal.municipalities.models import Municipality, Region
from portal.municipalities.widgets import MunicipalityAutocomplete

CHOOSER_LIMIT = 50


class MunicipalityField(forms.Field):
    """Chooses one municipality by name, full name or ОКТМО code; returns the instance."""

    widget = MunicipalityAutocomplete
    default_error_messages = {
        "required": "Укажите муниципальное образование.",
        "not_found": "Муниципальное образование «%(text)s» не найдено. Проверьте название "
        "или введите код ОКТМО.",
        "ambiguous": "Под «%(text)s» подходят несколько муниципальных образований — "
        "выберите нужное из списка под полем.",
    }

    def to_python(self, value):
        if isinstance(value, Municipality) or value in (None, ""):
            return value or None
        # The text is what the person sees: an emptied field means no municipality.
        text = (value.get("text") or "").strip() if isinstance(value, dict) else ""
        if not text:
            return None
        match, candidates = Municipality.objects.resolve(text, value.get("id"))
        if match is None:
            code = "ambiguous" if candidates else "not_found"
            raise ValidationError(self.error_messages[code], code=code, params={"text": text})
        return match

    def has_changed(self, initial, data):
        initial_pk = initial.pk if isinstance(initial, Municipality) else initial
        try:
            chosen = self.to_python(data)
        except ValidationError:
            return True
        return str(initial_pk or "") != str(chosen.pk if chosen else "")


class ChooserForm(forms.Form):
    """The no-JavaScript chooser page: search by name or ОКТМО, optionally within a region."""

    q = forms.CharField(label="Название или код ОКТМО", max_length=100, required=False)
    region = forms.ModelChoiceField(
        label="Субъект РФ",
        queryset=Region.objects.all(),
        required=False,
        empty_label="Все субъекты",
    )

    def results(self):
        """Up to CHOOSER_LIMIT + 1 municipalities, so the page can say there are more."""
        query, region = self.cleaned_data["q"].strip(), self.cleaned_data["region"]
        found = Municipality.objects.select_related("region", "parent")
        if query.isdigit():
            found = found.filter(oktmo__startswith=query).order_by("oktmo")
        elif query:
            found = found.search(query)
        elif region:
            found = found.order_by("-population", "name")
        else:
            return []
        if region:
            found = found.in_region(region)
        return list(found[: CHOOSER_LIMIT + 1])

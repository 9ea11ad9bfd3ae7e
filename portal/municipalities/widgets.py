"""The municipality chooser widget: a text field that works without JavaScript.

Without JavaScript the person types a name or an ОКТМО code and the server resolves it
(`MunicipalityQuerySet.resolve`); when several municipalities fit, the widget lists them as
radio buttons. `static/js/municipality_autocomplete.js` (loaded by the widget's own template,
so forms need nothing extra) turns the same markup into an ARIA combobox that fills the hidden
id from the JSON endpoint.
"""

from django import forms
from django.urls import reverse
from django.utils.http import urlencode

from portal.municipalities.models import Municipality


class MunicipalityAutocomplete(forms.Widget):
    template_name = "municipalities/widgets/municipality_autocomplete.html"

    def __init__(self, attrs=None, next_url=None):
        super().__init__(attrs)
        # The page to come back to from the chooser page; views may set it per request.
        self.next_url = next_url

    @staticmethod
    def id_field_name(name):
        return f"{name}_id"

    def value_from_datadict(self, data, files, name):
        return {"text": data.get(name, ""), "id": data.get(self.id_field_name(name), "")}

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def format_value(self, value):
        """(text, id, candidates) to show for an initial value, a Municipality or submitted data."""
        if isinstance(value, dict):
            match, candidates = Municipality.objects.resolve(value.get("text"), value.get("id"))
            return value.get("text", ""), match.pk if match else "", candidates
        if value in (None, ""):
            return "", "", []
        if not isinstance(value, Municipality):
            if not str(value).isdigit():
                return "", "", []
            value = Municipality.objects.select_related("region", "parent").filter(pk=value).first()
        return (value.full_name, value.pk, []) if value else ("", "", [])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        text, municipality_id, candidates = self.format_value(value)
        attrs = context["widget"]["attrs"]
        widget_id = attrs.get("id") or f"id_{name}"
        hint_id = f"{widget_id}_hint"
        attrs["aria-describedby"] = " ".join(filter(None, [hint_id, attrs.get("aria-describedby")]))
        query = {"field": name, **({"next": self.next_url} if self.next_url else {})}
        context["widget"].update(
            text=text,
            municipality_id=municipality_id,
            candidates=candidates,
            id_name=self.id_field_name(name),
            listbox_id=f"{widget_id}_listbox",
            hint_id=hint_id,
            autocomplete_url=reverse("municipalities:autocomplete"),
            chooser_url=f"{reverse('municipalities:choose')}?{urlencode(query)}",
        )
        return context

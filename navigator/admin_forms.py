"""Wagtail admin forms of the navigator's snippets."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from navigator.models import SupportMeasure
from portal.municipalities.models import MunicipalityType

DUPLICATES_SHOWN = 5


class SupportMeasureAdminForm(WagtailAdminModelForm):
    """Warns before saving a measure that looks like one already in the catalogue."""

    municipality_types = forms.MultipleChoiceField(
        label="Типы муниципальных образований",
        choices=MunicipalityType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Не отмечено ни одного — подходят любые типы.",
    )
    confirm_not_duplicate = forms.BooleanField(
        label="Это не дубликат",
        required=False,
        help_text="Отметьте, если похожая мера — действительно другая мера.",
    )

    def clean(self):
        data = super().clean()
        if self.errors or data.get("confirm_not_duplicate"):
            return data
        organiser = data.get("organiser")
        duplicates = SupportMeasure.objects.duplicates_of(
            title=data.get("title") or "",
            organiser_id=getattr(organiser, "pk", None),
            source_id=data.get("source_id") or "",
            source_url=data.get("source_url") or "",
            exclude_pk=self.instance.pk,
        )[:DUPLICATES_SHOWN]
        titles = [f"«{m.title}» (№ {m.pk})" for m in duplicates]
        if titles:
            self.add_error(
                "confirm_not_duplicate",
                "Похоже, такая мера уже есть: "
                + ", ".join(titles)
                + ". Проверьте её; если это другая мера, отметьте «Это не дубликат».",
            )
        return data

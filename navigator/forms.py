"""Forms of the core navigator: bookmarks, corrections, followed spheres, guest municipality."""

from django import forms
from django.db import IntegrityError, transaction

from navigator.models import Bookmark, Correction
from portal.accounts.models import Interest
from portal.models import Sphere
from portal.municipalities.models import Municipality, Region
from portal.submissions import SubmitOnceForm
from portal.text import plain_text


class BookmarkForm(forms.ModelForm):
    class Meta:
        model = Bookmark
        fields = ["status", "applied_on", "decided_on", "remind_days_before", "note"]
        labels = {"status": "Статус заявки"}
        widgets = {
            "applied_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Quick status changes post only the status; the chosen lead time then stays as it is.
        self.fields["remind_days_before"].required = False

    def clean_note(self):
        return plain_text(self.cleaned_data["note"])

    def clean_remind_days_before(self):
        return self.cleaned_data["remind_days_before"] or self.instance.remind_days_before

    def clean(self):
        data = super().clean()
        applied, decided = data.get("applied_on"), data.get("decided_on")
        if applied and decided and decided < applied:
            self.add_error("decided_on", "Решение не может прийти раньше подачи заявки.")
        return data


class CorrectionForm(SubmitOnceForm):
    text = forms.CharField(
        label="Что неточно и как правильно",
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Например: «срок приёма продлён до 15 мая, см. приказ № …». "
        "Ссылка на источник поможет проверить быстрее.",
        error_messages={
            "required": "Опишите, что нужно исправить.",
            "min_length": "Опишите подробнее — хотя бы 10 символов.",
        },
    )

    def clean_text(self):
        return plain_text(self.cleaned_data["text"])

    def save(self, measure, user):
        """Queue the suggestion; the same text sent twice is queued once."""
        try:
            with transaction.atomic():
                return Correction.objects.create(
                    measure=measure, user=user, text=self.cleaned_data["text"]
                )
        except IntegrityError:
            return Correction.objects.filter(
                measure=measure, user=user, text=self.cleaned_data["text"]
            ).first()


def sphere_field():
    return forms.ModelMultipleChoiceField(
        label="Сферы, в которых вы работаете",
        queryset=Sphere.objects.directions().order_by("order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class FollowedSpheresForm(forms.Form):
    spheres = sphere_field()

    def save(self, user):
        Interest.replace_for(user, list(self.cleaned_data["spheres"]))


class MunicipalityChoiceForm(forms.Form):
    """A guest picks a region, then a municipality in it: two plain selects, no script needed."""

    region = forms.ModelChoiceField(
        label="Субъект РФ",
        queryset=Region.objects.order_by("name"),
        to_field_name="code",
        empty_label="Выберите субъект",
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label="Муниципальное образование",
        queryset=Municipality.objects.none(),
        empty_label="Выберите муниципалитет",
        required=False,
    )
    spheres = sphere_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region_code = self.data.get("region") if self.is_bound else None
        if region_code:
            self.fields["municipality"].queryset = Municipality.objects.filter(
                region__code=region_code
            ).order_by("name")

    def clean(self):
        data = super().clean()
        municipality, region = data.get("municipality"), data.get("region")
        if municipality and region and municipality.region_id != region.pk:
            self.add_error("municipality", "Этот муниципалитет находится в другом субъекте.")
        return data

    @property
    def chosen(self):
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get("municipality")

    @property
    def chosen_sphere_ids(self):
        if not self.is_bound or not self.is_valid():
            return frozenset()
        return frozenset(sphere.pk for sphere in self.cleaned_data["spheres"])

"""The practice form for employees and the «внедрили у себя» form."""

from django import forms
from django.utils import timezone

from portal.models import Sphere
from portal.submissions import SubmitOnceForm
from practices.models import Adoption, Practice
from practices.models.practices import FIRST_YEAR
from practices.rich_text import MARKDOWN_HELP

REQUIRED = "Заполните это поле."


class PracticeForm(SubmitOnceForm, forms.ModelForm):
    """What an employee writes; the municipality is theirs, contacts optional."""

    spheres = forms.ModelMultipleChoiceField(
        label="Сферы",
        queryset=Sphere.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Отметьте хотя бы одну сферу."},
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "spheres",
            "key_result",
            "problem",
            "solution",
            "steps",
            "results",
            "lessons",
            "budget",
            "funding_sources",
            "started_year",
            "contact_name",
            "contact_position",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "solution": forms.Textarea(attrs={"rows": 6}),
            "steps": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
            "funding_sources": forms.Textarea(attrs={"rows": 2}),
            "title": forms.TextInput(attrs={"data-similar-source": "title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "spheres":
                field.error_messages["required"] = REQUIRED
        for name in ("problem", "solution", "steps", "results", "lessons"):
            self.fields[name].help_text = f"{self.fields[name].help_text} {MARKDOWN_HELP}".strip()
        self.fields["started_year"].error_messages.update(
            {"min_value": f"Не раньше {FIRST_YEAR} года.", "invalid": "Введите год числом."}
        )
        self.fields["budget"].error_messages["invalid"] = "Введите сумму в рублях числом."
        self.fields["contact_email"].error_messages["invalid"] = "Введите правильный e-mail."

    def clean_started_year(self):
        year = self.cleaned_data.get("started_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError("Год начала не может быть в будущем.")
        return year


class AdoptionForm(SubmitOnceForm, forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["adopted_on", "note", "results"]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_adopted_on(self):
        day = self.cleaned_data.get("adopted_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("Дата внедрения не может быть в будущем.")
        return day

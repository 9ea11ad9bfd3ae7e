"""The practice form for employees and the «внедрили у себя» form."""

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from modelcluster.forms import BaseChildFormSet, childformset_factory

from portal.models import Sphere
from portal.submissions import SubmitOnceForm
from practices.attachment_forms import ACCEPT, EvidenceChecks
from practices.models import Adoption, BudgetLine, Indicator, Practice
from practices.models.practices import FIRST_YEAR
from practices.rich_text import MARKDOWN_HELP

REQUIRED = "Заполните это поле."


class PracticeForm(SubmitOnceForm, forms.ModelForm):
    """What an employee writes; the municipality is theirs, contacts optional.

    `only` keeps the fields of one step of the site's form (practices/steps.py): the others
    are neither shown, validated nor changed.
    """

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

    def __init__(self, *args, only=None, **kwargs):
        super().__init__(*args, **kwargs)
        if only is not None:
            for name in set(self.fields) - {*only, "form_token"}:
                del self.fields[name]
        for name, field in self.fields.items():
            if name != "spheres":
                field.error_messages["required"] = REQUIRED
        for name in ("problem", "solution", "steps", "results", "lessons"):
            if name in self.fields:
                field = self.fields[name]
                field.help_text = f"{field.help_text} {MARKDOWN_HELP}".strip()
        messages = {
            "started_year": {
                "min_value": f"Не раньше {FIRST_YEAR} года.",
                "invalid": "Введите год числом.",
            },
            "budget": {"invalid": "Введите сумму в рублях числом."},
            "contact_email": {"invalid": "Введите правильный e-mail."},
        }
        for name, errors in messages.items():
            if name in self.fields:
                self.fields[name].error_messages.update(errors)

    def clean_started_year(self):
        year = self.cleaned_data.get("started_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError("Год начала не может быть в будущем.")
        return year


EVIDENCE_URL = "Введите адрес страницы, например https://admin.example.ru/otchet."


class EvidenceURLValidator(URLValidator):
    """Web addresses only (no javascript:, file:, ftp:), with a Russian message."""

    schemes = ["http", "https"]
    message = EVIDENCE_URL


MAX_INDICATORS = 20
MAX_BUDGET_LINES = 8
NUMBER = "Введите число, например 12 или 12,5."


class IndicatorForm(EvidenceChecks, forms.ModelForm):
    """One row of «было → стало»; an untouched empty row is skipped by the formset."""

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "before",
            "after",
            "target",
            "measured_on",
            "evidence_url",
            "evidence_file",
        ]
        widgets = {
            "measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "evidence_file": forms.FileInput(attrs={"accept": ACCEPT}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("before", "after", "target"):
            field = self.fields[name]
            field.localize = True
            field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
            field.widget.is_localized = True
            field.error_messages.update(
                {
                    "invalid": NUMBER,
                    "max_digits": "Слишком большое число.",
                    "max_decimal_places": "Не больше двух знаков после запятой.",
                    "max_whole_digits": "Слишком большое число.",
                }
            )
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED
        self.fields["measured_on"].error_messages["invalid"] = "Введите дату: ДД.ММ.ГГГГ."
        if self.instance.evidence_file:
            # A plain file input shows nothing of a stored file: name it, a new one replaces it.
            self.fields[
                "evidence_file"
            ].help_text = (
                f"Сейчас: «{self.instance.evidence_name}». Выберите другой файл, чтобы заменить."
            )
        self.fields["evidence_file"].error_messages["invalid"] = (
            "Не удалось получить файл: выберите его ещё раз."
        )
        evidence = self.fields["evidence_url"]
        evidence.widget.attrs["inputmode"] = "url"
        evidence.error_messages["invalid"] = EVIDENCE_URL
        evidence.validators = [
            EvidenceURLValidator() if isinstance(v, URLValidator) else v
            for v in evidence.validators
        ]

    def clean_measured_on(self):
        day = self.cleaned_data.get("measured_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("Дата измерения не может быть в будущем.")
        return day


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["source", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].error_messages.update(
            {"required": "Выберите источник.", "invalid_choice": "Выберите источник из списка."}
        )
        self.fields["amount"].error_messages.update(
            {
                "required": "Укажите сумму.",
                "invalid": "Введите сумму в рублях целым числом.",
                "min_value": "Сумма должна быть больше нуля.",
            }
        )


class RowsFormSet(BaseChildFormSet):
    too_many = "Слишком много строк."

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        if len(kept) > self.max_num:
            raise forms.ValidationError(self.too_many)


class BudgetLineFormSet(RowsFormSet):
    too_many = f"Не больше {MAX_BUDGET_LINES} строк бюджета."

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if self._should_delete_form(form) or not form.has_changed():
                continue
            source = form.cleaned_data.get("source")
            if source in seen:
                form.add_error("source", "Этот источник уже указан: сложите суммы в одну строку.")
            seen.add(source)

    @property
    def total(self):
        return sum(
            form.cleaned_data.get("amount") or 0
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        )


class IndicatorFormSet(RowsFormSet):
    too_many = f"Не больше {MAX_INDICATORS} показателей."


IndicatorRows = childformset_factory(
    Practice,
    Indicator,
    form=IndicatorForm,
    formset=IndicatorFormSet,
    extra=2,
    max_num=MAX_INDICATORS,
    can_delete=True,
)
BudgetRows = childformset_factory(
    Practice,
    BudgetLine,
    form=BudgetLineForm,
    formset=BudgetLineFormSet,
    extra=2,
    max_num=MAX_BUDGET_LINES,
    can_delete=True,
)


def result_formsets(data, instance, files=None):
    """The indicator and budget rows of the practice form, bound when there is POST data
    (`files`: the evidence files of indicators).

    A post without the rows (an older page, a script) leaves the rows as they are.
    """
    if data is not None:
        data = data.copy()
        for prefix in ("indicators", "budget"):
            for name in ("TOTAL_FORMS", "INITIAL_FORMS"):
                data.setdefault(f"{prefix}-{name}", "0")
    return (
        IndicatorRows(data, files, instance=instance, prefix="indicators"),
        BudgetRows(data, instance=instance, prefix="budget"),
    )


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

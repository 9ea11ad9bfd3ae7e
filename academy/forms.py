"""Forms of the academy: the end-of-course survey, bulk assignment and accommodations."""

import csv
import io

from django import forms
from django.contrib.auth import get_user_model

from academy.models import CourseFeedback, CoursePage, Quiz
from portal.municipalities.models import Municipality, Region
from portal.submissions import SubmitOnceForm

MAX_UPLOAD = 2 * 1024 * 1024
MAX_EMAILS = 5000
MAX_EXTRA_MINUTES = 600
MAX_EXTRA_ATTEMPTS = 20


class FeedbackForm(SubmitOnceForm, forms.ModelForm):
    class Meta:
        model = CourseFeedback
        fields = ["rating", "useful", "comment"]
        widgets = {"rating": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 4})}


class AssignForm(forms.Form):
    course = forms.ModelChoiceField(
        label="Курс", queryset=CoursePage.objects.live().order_by("title")
    )
    emails_file = forms.FileField(
        label="Файл с e-mail (CSV или XLSX, адрес в первом столбце)", required=False
    )
    region = forms.ModelChoiceField(
        label="Или все служащие региона", queryset=Region.objects.all(), required=False
    )
    municipality = forms.ModelChoiceField(
        label="Или все служащие муниципального образования (ОКТМО)",
        queryset=Municipality.objects.none(),
        required=False,
        to_field_name="oktmo",
        widget=forms.TextInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.all()

    def clean_emails_file(self):
        upload = self.cleaned_data.get("emails_file")
        if not upload:
            return []
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Файл больше 2 МБ.")
        head = upload.read(4)
        upload.seek(0)
        if head.startswith(b"PK\x03\x04"):
            # Imported here: openpyxl adds ~40 MB to a process, and few read a workbook.
            from openpyxl import load_workbook

            try:
                rows = load_workbook(upload, read_only=True).active.iter_rows(values_only=True)
                emails = [str(row[0] or "") for row in rows if row]
            except Exception as error:  # openpyxl raises many kinds on a broken file
                raise forms.ValidationError("Не удалось прочитать XLSX.") from error
        else:
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise forms.ValidationError("CSV должен быть в кодировке UTF-8.") from error
            emails = [row[0] for row in csv.reader(io.StringIO(text), delimiter=";") if row]
        emails = [e.strip().lower() for e in emails if "@" in e][:MAX_EMAILS]
        if not emails:
            raise forms.ValidationError("В файле нет адресов электронной почты.")
        return emails

    def clean(self):
        data = super().clean()
        chosen = [
            bool(data.get("emails_file")),
            bool(data.get("region")),
            bool(data.get("municipality")),
        ]
        if sum(chosen) != 1 and not self.errors:
            raise forms.ValidationError(
                "Выберите одно: файл, регион или муниципальное образование."
            )
        return data


class AccommodationForm(forms.Form):
    """Extra time and attempts for one learner on one quiz (an administrator's decision)."""

    email = forms.EmailField(
        label="E-mail слушателя",
        max_length=254,
        error_messages={
            "required": "Укажите e-mail слушателя.",
            "invalid": "Введите правильный адрес электронной почты.",
        },
    )
    quiz = forms.ModelChoiceField(
        label="Тест",
        queryset=Quiz.objects.none(),
        empty_label="Выберите тест",
        error_messages={
            "required": "Выберите тест.",
            "invalid_choice": "Такого теста нет, выберите тест из списка.",
        },
    )
    extra_minutes = forms.IntegerField(
        label="Дополнительное время, минут",
        min_value=0,
        max_value=MAX_EXTRA_MINUTES,
        initial=0,
        error_messages={
            "required": "Укажите дополнительное время (0, если не нужно).",
            "invalid": "Введите целое число минут.",
            "min_value": "Время не может быть отрицательным.",
            "max_value": f"Не больше {MAX_EXTRA_MINUTES} минут.",
        },
    )
    extra_attempts = forms.IntegerField(
        label="Дополнительные попытки",
        min_value=0,
        max_value=MAX_EXTRA_ATTEMPTS,
        initial=0,
        error_messages={
            "required": "Укажите число дополнительных попыток (0, если не нужно).",
            "invalid": "Введите целое число попыток.",
            "min_value": "Число попыток не может быть отрицательным.",
            "max_value": f"Не больше {MAX_EXTRA_ATTEMPTS} попыток.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = Quiz.objects.order_by("title")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        learner = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if learner is None:
            raise forms.ValidationError("Пользователь с таким e-mail не найден.")
        self.cleaned_data["learner"] = learner
        return email

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("extra_minutes") == 0 and data.get("extra_attempts") == 0:
            raise forms.ValidationError("Укажите дополнительное время, попытки или и то и другое.")
        return data

"""The author's follow-up to a consultation: text and checked files."""

from django import forms

from portal.submissions import SubmitOnceForm
from portal.text import plain_text
from portal.uploads import ALLOWED_TEXT, check_attachment

FOLLOW_UP_MAX = 4000
MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is validated like a single FileField."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class FollowUpForm(SubmitOnceForm):
    text = forms.CharField(
        label="Уточняющий вопрос",
        required=False,
        max_length=FOLLOW_UP_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Не больше %(limit_value)d символов."},
    )
    files = MultipleFileField(
        label="Файлы",
        required=False,
        help_text=f"До {MAX_FILES} файлов: {ALLOWED_TEXT}, каждый не больше 10 МБ.",
    )

    def clean_text(self):
        return plain_text(self.cleaned_data.get("text") or "")

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Можно приложить не больше {MAX_FILES} файлов.")
        checked, errors = [], []
        for upload in files:
            try:
                checked.append((upload, check_attachment(upload)))
            except forms.ValidationError as error:
                errors.append(f"{upload.name}: {' '.join(error.messages)}")
        if errors:
            raise forms.ValidationError(errors)
        return checked

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("text") and not cleaned.get("files"):
            raise forms.ValidationError("Напишите уточняющий вопрос или приложите файл.")
        return cleaned

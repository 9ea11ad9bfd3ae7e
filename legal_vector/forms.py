from django import forms

from legal_vector.models import BookmarkFolder, Document, StructuralUnit
from portal.submissions import SubmitOnceForm


class PinForm(forms.Form):
    """What to bookmark or watch: a document, or one of its units by stable key."""

    document = forms.ModelChoiceField(
        queryset=Document.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Документ не найден."},
    )
    stable_key = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        document, key = cleaned.get("document"), cleaned.get("stable_key") or ""
        cleaned["label"] = ""
        if document is None or not key:
            return cleaned
        unit = (
            StructuralUnit.objects.current()
            .filter(document=document, stable_key=key)
            .only("short_label")
            .first()
        )
        if unit is None:
            raise forms.ValidationError("В действующей редакции документа нет такой единицы.")
        cleaned["label"] = unit.short_label
        return cleaned


class BookmarkForm(PinForm):
    folder = forms.ModelChoiceField(
        label="Папка",
        queryset=BookmarkFolder.objects.none(),
        required=False,
        empty_label="Без папки",
        error_messages={"invalid_choice": "Выберите одну из своих папок."},
    )
    new_folder = forms.CharField(
        label="или новая папка",
        required=False,
        max_length=100,
        help_text="Например: «Бюджет 2026».",
        error_messages={"max_length": "Название папки — не больше %(limit_value)d символов."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = BookmarkFolder.objects.filter(user=user)

    def clean_new_folder(self):
        return " ".join((self.cleaned_data.get("new_folder") or "").split())


class FolderForm(SubmitOnceForm):
    name = forms.CharField(
        label="Название папки",
        max_length=100,
        error_messages={
            "required": "Введите название папки.",
            "max_length": "Название папки — не больше %(limit_value)d символов.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if BookmarkFolder.objects.filter(user=self.user, name=name).exists():
            raise forms.ValidationError("Папка с таким названием уже есть.")
        return name

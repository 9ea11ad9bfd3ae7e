"""Documents and photos of a practice in the author's form and in the Wagtail snippet.

Both forms check a new file the same way (`check_upload`, also used for an indicator's evidence
file by `EvidenceChecks`): the real type and size by
`portal.uploads.check_attachment`, a photo re-encoded by `clean_image` (resized, no EXIF/GPS),
a caption required for a photo. Nothing is stored until the whole practice form is valid.
"""

from dataclasses import dataclass

from django import forms
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from modelcluster.forms import BaseChildFormSet, childformset_factory
from wagtail.admin.forms import WagtailAdminModelForm

from portal.uploads import (
    ALLOWED_WITH_WEBP_TEXT,
    IMAGE_KINDS,
    check_attachment,
    check_name_matches,
    clean_image,
)
from practices.models import MAX_ATTACHMENTS, Practice, PracticeAttachment

ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
NAME_LENGTH = 200


@dataclass
class CheckedFile:
    """A new upload after the checks: what to store and what to remember about it."""

    content: File
    kind: str
    name: str
    width: int | None = None
    height: int | None = None


def check_upload(upload):
    """Real type, size, matching name; a photo re-encoded (resized, no EXIF/GPS)."""
    kind = check_attachment(upload, webp=True)
    check_name_matches(upload.name, kind)
    checked = CheckedFile(upload, kind, _display_name(upload.name))
    if kind in IMAGE_KINDS:
        image = clean_image(upload, kind)
        checked.content, checked.width, checked.height = image.content, image.width, image.height
    return checked


class AttachmentChecks:
    """`clean_file` for a ModelForm of `PracticeAttachment`: a kept file passes as it is."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload
        checked = check_upload(upload)
        attachment = self.instance
        attachment.kind, attachment.name = checked.kind, checked.name
        attachment.width, attachment.height = checked.width, checked.height
        attachment.size = checked.content.size
        return checked.content


class EvidenceChecks:
    """`clean_evidence_file` for a ModelForm of `Indicator`: the same checks as a practice's
    files; a kept file passes as it is."""

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if not isinstance(upload, UploadedFile):
            return upload
        checked = check_upload(upload)
        self.instance.evidence_kind, self.instance.evidence_name = checked.kind, checked.name
        return checked.content


def _display_name(name):
    # The name a downloader sees; the stored name is random (models/attachments.py).
    name = (name or "файл").replace("\\", "/").rsplit("/", 1)[-1]
    return name[-NAME_LENGTH:]


class AttachmentForm(AttachmentChecks, forms.ModelForm):
    """One row of the author's form: a new file with its caption, or a kept file's caption."""

    class Meta:
        model = PracticeAttachment
        fields = ["file", "caption"]
        widgets = {"file": forms.FileInput(attrs={"accept": ACCEPT})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Decided before validation, which puts a new upload on the instance.
        self.is_kept = bool(self.instance.file)
        file = self.fields["file"]
        file.label = "Файл"
        file.help_text = f"{ALLOWED_WITH_WEBP_TEXT}, до 10 МБ."
        file.error_messages.update(
            {
                "required": "Выберите файл.",
                "invalid": "Не удалось получить файл: выберите его ещё раз.",
                "empty": "Файл пустой.",
                "missing": "Выберите файл.",
            }
        )
        if self.is_kept:
            file.required = False
        self.fields["caption"].label = "Описание (для фотографии — что на ней)"
        self.fields["caption"].error_messages["max_length"] = "Не длиннее 250 знаков."


class AttachmentFormSet(BaseChildFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form) and (form.is_kept or form.has_changed())
        ]
        if len(kept) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                f"Не больше {MAX_ATTACHMENTS} файлов у практики: удалите лишние."
            )


AttachmentRows = childformset_factory(
    Practice,
    PracticeAttachment,
    form=AttachmentForm,
    formset=AttachmentFormSet,
    extra=3,
    max_num=MAX_ATTACHMENTS,
    can_delete=True,
)


def attachment_rows(data, files, instance):
    """The documents and photos of the practice form; a post without them keeps them as
    they are."""
    if data is not None:
        data = data.copy()
        for name in ("TOTAL_FORMS", "INITIAL_FORMS"):
            data.setdefault(f"attachments-{name}", "0")
    return AttachmentRows(data, files, instance=instance, prefix="attachments")


class AttachmentAdminForm(AttachmentChecks, WagtailAdminModelForm):
    """The inline form of the Wagtail snippet: the same checks as on the site."""


class IndicatorAdminForm(EvidenceChecks, WagtailAdminModelForm):
    """Indicators in the Wagtail snippet: the evidence file checked as on the site."""

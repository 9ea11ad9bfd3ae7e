"""Attachments are checked by what they contain, not by their name.

Allowed: PDF, PNG, JPEG and Office Open XML documents (DOCX, XLSX). An OOXML file is a ZIP
archive, so its declared uncompressed size is also capped: a small «zip bomb» is refused before
anybody opens it.
"""

import zipfile

from django import forms

MAX_SIZE = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 2000

SIGNATURES = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
]
OOXML_MARKERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
ALLOWED_TEXT = "PDF, PNG, JPEG, DOCX или XLSX"


def _ooxml_kind(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ARCHIVE_MEMBERS:
                raise forms.ValidationError("В документе слишком много частей.")
            if sum(member.file_size for member in members) > MAX_UNCOMPRESSED:
                raise forms.ValidationError(
                    "Документ после распаковки больше 50 МБ: сократите его или сохраните в PDF."
                )
            names = {member.filename for member in members}
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for marker, kind in OOXML_MARKERS.items() if marker in names), None)


def check_attachment(upload):
    """The kind of a valid upload ("pdf", "docx", …); ValidationError in Russian otherwise."""
    if upload.size > MAX_SIZE:
        raise forms.ValidationError("Файл больше 10 МБ.")
    if upload.size == 0:
        raise forms.ValidationError("Файл пустой.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04"):
        kind = _ooxml_kind(upload)
        if kind:
            return kind
    raise forms.ValidationError(f"Можно приложить только {ALLOWED_TEXT}: этот файл другого типа.")

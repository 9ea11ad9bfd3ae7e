"""Attachments are checked by what they contain, not by their name.

Allowed: PDF, PNG, JPEG and Office Open XML documents (DOCX, XLSX); WebP photos where the
form re-encodes photos (`check_attachment(upload, webp=True)`). An OOXML file is a ZIP
archive, so its declared uncompressed size is also capped: a small «zip bomb» is refused before
anybody opens it.

Photos are also re-encoded by `clean_image`: resized and stripped of metadata (EXIF with GPS
coordinates of where the picture was taken). A stored upload nothing uses any more is deleted
after commit by `delete_when_unused`. See docs/practices.md, «Файлы практики».
"""

import io
import warnings
import zipfile
from dataclasses import dataclass

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from PIL import Image, ImageOps

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
ALLOWED_WITH_WEBP_TEXT = "PDF, PNG, JPEG, WebP, DOCX или XLSX"


def _is_webp(head):
    # A RIFF container whose form type is WEBP (bytes 8–11).
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


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


def check_attachment(upload, *, webp=False):
    """The kind of a valid upload ("pdf", "docx", …); ValidationError in Russian otherwise.

    `webp`: also take WebP photos — only where `clean_image` re-encodes every photo, since a
    WebP may carry EXIF with GPS like a JPEG.
    """
    if upload.size > MAX_SIZE:
        raise forms.ValidationError("Файл больше 10 МБ.")
    if upload.size == 0:
        raise forms.ValidationError("Файл пустой.")
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if webp and _is_webp(head):
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        kind = _ooxml_kind(upload)
        if kind:
            return kind
    allowed = ALLOWED_WITH_WEBP_TEXT if webp else ALLOWED_TEXT
    raise forms.ValidationError(f"Можно приложить только {allowed}: этот файл другого типа.")


NAME_ENDINGS = {
    "pdf": (".pdf",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "webp": (".webp",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
}


def check_name_matches(name, kind):
    """Refuse a file whose name promises another type than its content (a PNG named .pdf):
    whoever downloads it by that name would get something else than they expect."""
    if not (name or "").lower().endswith(NAME_ENDINGS[kind]):
        shown = {"jpeg": "JPEG", "webp": "WebP"}.get(kind, kind.upper())
        raise forms.ValidationError(
            f"По названию это другой тип файла, а по содержимому — {shown}. "
            f"Сохраните файл в нужном формате или исправьте расширение."
        )


# Photos: a phone camera gives about 12 MP; anything far above is a scan of a poster or a
# decompression bomb (a small file that unpacks into gigabytes of pixels).
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000
JPEG_QUALITY = 85
IMAGE_KINDS = {"jpeg", "png", "webp"}
# Pillow's encoder, the modes each format keeps (others are converted: `_target_mode`) and
# the encoder's options.
IMAGE_FORMATS = {
    "jpeg": ("JPEG", ("RGB", "L"), {"quality": JPEG_QUALITY, "optimize": True}),
    "png": ("PNG", ("RGBA", "RGB", "LA", "L"), {"optimize": True}),
    "webp": ("WEBP", ("RGBA", "RGB"), {"quality": JPEG_QUALITY, "method": 4}),
}


def _target_mode(picture, kind):
    """The mode a picture in another mode (a palette, CMYK) is converted to."""
    if kind == "jpeg":
        return "RGB"
    if kind == "png":
        return "RGBA"
    transparent = "A" in picture.mode or "transparency" in picture.info
    return "RGBA" if transparent else "RGB"


# HEIC (iPhone photos) would need the pillow-heif plugin; it is not installed, so a HEIC file
# is refused by its content like any other unknown type.


@dataclass
class CleanImage:
    """A photo re-encoded for the site: the bytes to store and their size in pixels."""

    content: ContentFile
    kind: str
    width: int
    height: int


def clean_image(upload, kind):
    """Re-encode a checked JPEG/PNG/WebP (`kind` from `check_attachment`) for publishing.

    The picture is turned upright by its EXIF orientation, shrunk to at most MAX_SIDE pixels
    on the longer side and written anew, so nothing of the original metadata (EXIF, GPS, the
    camera, comments) reaches the site. ValidationError in Russian if it cannot be read or
    has absurdly many pixels.
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as opened:
                # Only the header is read so far: refuse before the pixels are unpacked.
                if opened.width * opened.height > MAX_PIXELS:
                    raise forms.ValidationError(_TOO_MANY_PIXELS)
                opened.load()
                picture = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise forms.ValidationError(_TOO_MANY_PIXELS) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise forms.ValidationError(
            "Не удалось прочитать изображение: сохраните его заново в JPEG, PNG или WebP."
        ) from error
    finally:
        upload.seek(0)
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    content = _encode(picture, kind)
    if content.size > MAX_SIZE:
        raise forms.ValidationError("Изображение и после уменьшения больше 10 МБ.")
    return CleanImage(content, kind, picture.width, picture.height)


_TOO_MANY_PIXELS = (
    f"Изображение слишком большое: больше {MAX_PIXELS // 1_000_000} млн точек. "
    f"Уменьшите его до {MAX_SIDE} точек по длинной стороне."
)


def _encode(picture, kind):
    # A fresh image holds only pixels: no EXIF, XMP, text chunks or comments travel with it.
    icc_profile = picture.info.get("icc_profile")
    encoder, modes, options = IMAGE_FORMATS[kind]
    if picture.mode not in modes:
        picture = picture.convert(_target_mode(picture, kind))
    bare = Image.new(picture.mode, picture.size)
    bare.paste(picture)
    if icc_profile:
        options = {**options, "icc_profile": icc_profile}
    buffer = io.BytesIO()
    bare.save(buffer, encoder, **options)
    extension = {"jpeg": "jpg"}.get(kind, kind)
    return ContentFile(buffer.getvalue(), name=f"image.{extension}")


def delete_when_unused(storage, names, in_use):
    """After the current transaction commits, delete from `storage` each of the stored
    `names` that `in_use(name)` no longer claims. Nothing happens on a rollback; a storage
    error is logged, not raised, since the change it follows is already committed."""
    names = sorted({name for name in names if name})
    if not names:
        return

    def delete():
        for name in names:
            if not in_use(name):
                storage.delete(name)

    transaction.on_commit(delete, robust=True)


def file_response(stored, name, *, content_type=None, inline=False, private=True):
    """A stored upload sent by a view that has checked who may see it: downloaded unless
    `inline` (a photo in a page), never run by the browser as a page whatever its bytes, and
    kept out of shared caches when `private`. 404 when the file is gone from storage."""
    try:
        opened = stored.open("rb")
    except OSError as error:
        raise Http404("Файл не найден.") from error
    response = FileResponse(
        opened, as_attachment=not inline, filename=name, content_type=content_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=86400"
    return response

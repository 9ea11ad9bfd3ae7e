"""Files for the attachment tests, built in memory (real PDFs, photos with EXIF/GPS, DOCX, bombs),
and `attach`, which stores one on a practice without the form."""

import io
import struct
import zipfile
import zlib

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from practices.models import PracticeAttachment

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
GPS_IFD = 0x8825
MAKE, ORIENTATION = 0x010F, 0x0112


def pdf(name="отчёт.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def jpeg_with_gps(name="фото.jpg", size=(640, 480), orientation=None):
    """A JPEG with the camera, the GPS position and (optionally) the orientation in EXIF."""
    exif = Image.Exif()
    exif[MAKE] = "SpyCam"
    if orientation:
        exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png(name="схема.png", size=(32, 32)):
    buffer = io.BytesIO()
    Image.new("RGBA", size, (200, 0, 0, 128)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def png_claiming(width, height, name="бомба.png"):
    """A tiny PNG whose header claims a huge picture: refused before any pixel is unpacked."""
    data = png().read()
    ihdr = struct.pack(">II", width, height) + data[24:29]
    chunk = b"IHDR" + ihdr
    patched = data[:12] + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]
    return SimpleUploadedFile(name, patched, content_type="image/png")


def docx(name="план.docx", padding=0):
    """A minimal Office Open XML document; `padding` bytes of zeros compress to almost nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if padding:
            archive.writestr("word/media/filler.bin", b"\x00" * padding)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def attach(practice, upload=None, caption="", kind=None, **fields):
    """A stored attachment of `practice` without the form (a photo is stored as given)."""
    upload = upload or pdf()
    kind = kind or ("jpeg" if upload.name.endswith(".jpg") else "pdf")
    attachment = PracticeAttachment(
        practice=practice, name=upload.name, kind=kind, size=upload.size, caption=caption, **fields
    )
    attachment.file.save(upload.name, ContentFile(upload.read()), save=False)
    attachment.save()
    return attachment

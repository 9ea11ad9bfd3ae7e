"""`portal.uploads.clean_image`: every ordinary kind of JPEG/PNG/WebP comes out clean, nothing
makes a server error."""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from portal.uploads import check_attachment, clean_image
from tests.practices.uploads import GPS_IFD, jpeg_with_gps, png_claiming


def upload(image, fmt, name, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def cleaned(file):
    result = clean_image(file, check_attachment(file, webp=True))
    return result, Image.open(io.BytesIO(result.content.read()))


@pytest.mark.parametrize(
    "file",
    [
        upload(Image.new("P", (50, 40)), "PNG", "p.png", transparency=0),
        upload(Image.new("LA", (50, 40)), "PNG", "la.png"),
        upload(Image.new("I;16", (50, 40)), "PNG", "i16.png"),
        upload(Image.new("1", (50, 40)), "PNG", "bw.png"),
        upload(Image.new("CMYK", (50, 40)), "JPEG", "cmyk.jpg"),
        upload(Image.new("L", (50, 40)), "JPEG", "grey.jpg"),
        upload(Image.new("RGB", (50, 40)), "WEBP", "photo.webp"),
        upload(Image.new("RGBA", (50, 40)), "WEBP", "alpha.webp", lossless=True),
        upload(Image.new("P", (50, 40)), "WEBP", "palette.webp"),
    ],
    ids=[
        "palette",
        "grey-alpha",
        "16-bit",
        "1-bit",
        "cmyk",
        "grey",
        "webp",
        "webp-alpha",
        "webp-p",
    ],
)
def test_every_mode_is_written_anew_in_its_format(file):
    result, image = cleaned(file)
    assert (result.width, result.height) == image.size == (50, 40)
    assert image.format == {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[result.kind]


def test_png_text_chunks_and_exif_are_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Иванов И. И., ул. Ленина, 5")
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (55.0, 45.0, 21.0)}
    file = upload(Image.new("RGB", (20, 20)), "PNG", "s.png", pnginfo=info, exif=exif)
    _, image = cleaned(file)
    assert "Author" not in image.info and "exif" not in image.info
    assert not image.getexif()


def test_a_jpeg_keeps_its_colours_and_loses_gps():
    result, image = cleaned(jpeg_with_gps(size=(100, 80)))
    assert not image.getexif().get_ifd(GPS_IFD)
    assert image.getpixel((50, 40)) == pytest.approx((40, 120, 200), abs=3)
    assert result.content.name.endswith(".jpg")


def test_a_pixel_bomb_is_refused_before_unpacking():
    with pytest.raises(forms.ValidationError, match="больше 40 млн точек"):
        clean_image(png_claiming(100_000, 100_000), "png")


def test_a_webp_photo_is_recognised_by_content_and_loses_its_exif():
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (55.0, 45.0, 21.0)}
    file = upload(Image.new("RGB", (3000, 1500), (40, 120, 200)), "WEBP", "f.webp", exif=exif)
    assert Image.open(io.BytesIO(file.read())).getexif().get_ifd(GPS_IFD)
    file.seek(0)
    result, image = cleaned(file)
    assert result.kind == "webp" and result.content.name.endswith(".webp")
    assert image.format == "WEBP" and image.size == (2000, 1000)
    assert "exif" not in image.info and not image.getexif()
    assert image.getpixel((50, 40)) == pytest.approx((40, 120, 200), abs=4)


def test_webp_is_taken_only_where_photos_are_re_encoded():
    # Dialog problems and consultations store files as sent: a WebP stays refused there.
    file = upload(Image.new("RGB", (20, 20)), "WEBP", "f.webp")
    with pytest.raises(forms.ValidationError, match="только PDF, PNG, JPEG, DOCX или XLSX"):
        check_attachment(file)
    assert check_attachment(file, webp=True) == "webp"


def test_a_riff_file_that_is_not_webp_is_refused():
    wave = SimpleUploadedFile("f.webp", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40)
    with pytest.raises(forms.ValidationError, match="WebP"):
        check_attachment(wave, webp=True)


def test_a_heic_photo_is_refused_in_russian():
    # Pillow cannot read HEIC without the pillow-heif plugin, which the portal does not use:
    # an iPhone's HEIC is refused by its content (Safari sends JPEG to a form like ours).
    heic = SimpleUploadedFile("IMG_0001.heic", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    with pytest.raises(forms.ValidationError, match="Можно приложить только PDF, PNG, JPEG, WebP"):
        check_attachment(heic, webp=True)

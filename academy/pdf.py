"""The certificate's PDF: DejaVu Sans shipped in academy/fonts (Cyrillic), a QR to the check page.

Rendered once, in Celery, from the certificate's frozen fields; the stored file is what every
download returns, so a re-download is byte-identical.
"""

import io
from datetime import UTC, datetime
from pathlib import Path

import qrcode
from fpdf import FPDF

from academy.models.certificates import NOT_STATE_DOCUMENT

FONTS = Path(__file__).resolve().parent / "fonts"


def render(certificate) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_creation_date(datetime.combine(certificate.issued_on, datetime.min.time(), UTC))
    pdf.set_title(f"Сертификат {certificate.number}")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    wording = certificate.wording
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(
        0, 8, "Муниципальная академия · Муниципалитеты.рф", align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(10)
    pdf.set_font("DejaVu", "B", 28)
    pdf.cell(0, 16, wording.get("title", "Сертификат"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(
        0,
        8,
        f"№ {certificate.number} от {certificate.issued_on:%d.%m.%Y}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(8)
    pdf.set_font("DejaVu", "B", 20)
    pdf.cell(0, 12, certificate.holder_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 14)
    pdf.multi_cell(0, 8, wording.get("text", ""), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    if wording.get("signatory_name"):
        pdf.cell(
            0,
            8,
            f"{wording.get('signatory_title', '')} {wording['signatory_name']}".strip(),
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    qr = qrcode.make(certificate.verification_url, box_size=4, border=1)
    image = io.BytesIO()
    qr.save(image, format="PNG")
    pdf.image(image, x=pdf.w - 60, y=pdf.h - 75, w=45)
    pdf.set_xy(pdf.l_margin, pdf.h - 45)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(
        pdf.w - 90,
        5,
        f"Проверить подлинность: {certificate.verification_url}\n{NOT_STATE_DOCUMENT}",
    )
    return bytes(pdf.output())

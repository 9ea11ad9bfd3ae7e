"""Builds the corpus files in the formats people have, from the UTF-8 sources next to this file.

The sources are acts written for this project; the binary formats (.rtf, .docx, .pdf) and the
Windows-1251 texts are generated here at test time, never downloaded or committed.
Run by hand: `python tests/legal_vector/corpus/build.py OUTPUT_DIR`.
"""

import html
import sys
from pathlib import Path

SOURCES = Path(__file__).resolve().parent
# source stem -> the format the act is imported from
FORMATS = {
    "01_subsidii_export": ".txt",
    "02_zakon_starosty": ".cp1251.txt",
    "03_pravila_blagoustroistva": ".rtf",
    "04_reglament_arhiv": ".docx",
    "05_komissiya_zhkh": ".html",
    "06_granty_nko": ".pdf",
    "07_federalnyi_zakon": ".txt",
    "08_publichnye_slushaniya": ".txt",
    "09_reestr_imushchestva": ".cp1251.txt",
    "10_zemelnyi_nalog": ".txt",
    "11_konkurs_novosibirsk": ".html",
    "12_zakon_dobrovolnye_druzhiny": ".txt",
    "13_postanovlenie_vodnye_obekty": ".txt",
    "14_poryadok_bezvozmezdnoe_polzovanie": ".txt",
    "15_reshenie_garantii_deputatov": ".txt",
}
PDF_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def source_text(stem):
    return (SOURCES / f"{stem}.txt").read_text(encoding="utf-8")


def write_rtf(text, path):
    """RTF as legal systems export it: Windows-1251 with \\'xx escapes, one \\par a line."""
    body = []
    for line in text.splitlines():
        escaped = "".join(
            f"\\'{byte:02x}" if byte > 127 else chr(byte)
            for byte in line.replace("\\", "\\\\")
            .replace("{", "\\{")
            .replace("}", "\\}")
            .encode("cp1251")
        )
        body.append(escaped + "\\par")
    header = "{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24\n"
    path.write_bytes((header + "\n".join(body) + "\n}").encode("ascii"))


def write_docx(text, path):
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(path)


def write_html(text, path):
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)
    page = (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Акт</title>'
        f"<style>p {{ margin: 0 }}</style></head><body>\n{paragraphs}\n</body></html>"
    )
    path.write_text(page, encoding="utf-8")


def write_pdf(text, path):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(PDF_FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for line in text.splitlines():
        # One paragraph per line, wrapped by the PDF like a printed act.
        pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def build(target):
    """Write every act of the corpus into `target`; returns {stem: path}."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    built = {}
    for stem, suffix in FORMATS.items():
        text = source_text(stem)
        path = target / f"{stem}{suffix.replace('.cp1251', '')}"
        if suffix == ".cp1251.txt":
            path.write_bytes(text.replace("\n", "\r\n").encode("cp1251"))
        elif suffix == ".rtf":
            write_rtf(text, path)
        elif suffix == ".docx":
            write_docx(text, path)
        elif suffix == ".html":
            write_html(text, path)
        elif suffix == ".pdf":
            write_pdf(text, path)
        else:
            path.write_text(text, encoding="utf-8")
        built[stem] = path
    return built


if __name__ == "__main__":
    for stem, path in build(sys.argv[1]).items():
        print(stem, path)

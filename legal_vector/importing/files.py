"""Reading the text of an act from the files people have: .txt, .html, .rtf, .docx, .pdf.

Every reader is bounded before it parses anything: the file's size, and for .docx (a zip
archive) the number of members, their uncompressed size and the number of paragraphs, so a
small file that unpacks to gigabytes is refused in milliseconds (docs/legal-import.md).
"""

import re
import zipfile
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

SUPPORTED = {".txt", ".html", ".htm", ".docx", ".rtf", ".pdf"}
SUPPORTED_LABEL = ".txt, .html, .rtf, .docx, .pdf"
MAX_FILE_SIZE = 20 * 1024 * 1024
# A long act in Word is a few megabytes of XML; a municipal act a few hundred kilobytes.
MAX_DOCX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_DOCX_MEMBERS = 1000
MAX_PARAGRAPHS = 50_000
MAX_PDF_PAGES = 2000
PARAGRAPH_TAG = re.compile(rb"<w:p[ >/]")
READ_CHUNK = 1024 * 1024
# Windows-1251 is what older exports of legal systems use; KOI8-R and CP866 still turn up.
CYRILLIC_ENCODINGS = ["utf_8", "cp1251", "koi8_r", "cp866"]


class UnreadableFile(ValueError):
    """The file cannot be read as a legal act; the message is shown to the user."""


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "title", "pre"}
    SKIPPED = {"script", "style", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def decode(data):
    """Text of a plain-text file: UTF-8 when it is valid, else the detected Cyrillic encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Each reader's library is imported when a file of its format arrives, not by every
    # process that loads the importer.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CYRILLIC_ENCODINGS).best()
    if best is None:
        raise UnreadableFile(
            "Не удалось определить кодировку файла: сохраните его в UTF-8 или Windows-1251."
        )
    return str(best)


def text_from_bytes(data, suffix):
    """The plain text of a file's content; raises UnreadableFile with a Russian message."""
    suffix = suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(f"Поддерживаются файлы {SUPPORTED_LABEL}.")
    if len(data) > MAX_FILE_SIZE:
        raise UnreadableFile("Файл больше 20 МБ.")
    if suffix == ".docx":
        return _docx_text(data)
    if suffix == ".pdf":
        return _pdf_text(data)
    text = decode(data)
    if suffix == ".rtf":
        return _rtf_text(text)
    if suffix in (".html", ".htm"):
        extractor = _TextExtractor()
        extractor.feed(text)
        text = "".join(extractor.parts)
    return text


def check_archive(data, *, main_member, what):
    """Refuse a zip-based office file (.docx, .xlsx) that would unpack beyond the limits.

    The sizes in the zip directory can lie, so the main member is also read in chunks and
    counted as it unpacks, stopping at the limit. Returns the main member's paragraph count.
    """
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFile(f"Файл {what} повреждён: это не архив Office.") from error
    if len(members) > MAX_DOCX_MEMBERS:
        raise UnreadableFile(
            f"Файл {what} содержит слишком много частей ({len(members)}, допустимо "
            f"{MAX_DOCX_MEMBERS}): ничего не импортировано."
        )
    declared = sum(member.file_size for member in members)
    if declared > MAX_DOCX_UNCOMPRESSED:
        raise UnreadableFile(_too_large(what, declared))
    if main_member not in archive.namelist():
        raise UnreadableFile(f"Файл {what} повреждён или не является документом Office.")
    return _count_paragraphs(archive, main_member, what)


def _too_large(what, size):
    megabytes = MAX_DOCX_UNCOMPRESSED // (1024 * 1024)
    return (
        f"Файл {what} в распакованном виде больше {megabytes} МБ "
        f"({size // (1024 * 1024)} МБ и более): такой файл не импортируется."
    )


def _count_paragraphs(archive, member, what):
    unpacked = paragraphs = 0
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(READ_CHUNK):
                unpacked += len(chunk)
                if unpacked > MAX_DOCX_UNCOMPRESSED:
                    raise UnreadableFile(_too_large(what, unpacked))
                window = tail + chunk
                paragraphs += len(PARAGRAPH_TAG.findall(window)) - len(PARAGRAPH_TAG.findall(tail))
                tail = window[-8:]
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UnreadableFile(f"Файл {what} повреждён.") from error
    if paragraphs > MAX_PARAGRAPHS:
        raise UnreadableFile(
            f"В файле {what} {paragraphs} абзацев, допустимо {MAX_PARAGRAPHS}: разделите "
            "документ на части. Ничего не импортировано."
        )
    return paragraphs


def _docx_text(data):
    import docx  # deferred: see _decoded

    check_archive(data, main_member="word/document.xml", what=".docx")
    try:
        document = docx.Document(BytesIO(data))
    except Exception as error:  # python-docx surfaces zip and XML errors of many kinds
        raise UnreadableFile("Файл .docx повреждён или не является документом Word.") from error
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _rtf_text(text):
    from striprtf.striprtf import rtf_to_text  # deferred: see _decoded

    if not text.lstrip().startswith("{\\rtf"):
        raise UnreadableFile("Файл .rtf повреждён: нет заголовка RTF.")
    encoding = re.search(r"\\ansicpg(\d+)", text[:2000])
    try:
        return rtf_to_text(text, encoding=f"cp{encoding.group(1)}" if encoding else "cp1251")
    except (LookupError, UnicodeDecodeError, ValueError) as error:
        raise UnreadableFile("Не удалось прочитать текст файла .rtf.") from error


def _pdf_text(data):
    from pypdf import PdfReader  # deferred: see _decoded
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableFile(f"В файле .pdf больше {MAX_PDF_PAGES} страниц.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise UnreadableFile("Файл .pdf повреждён или зашифрован.") from error
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableFile(
            "В файле .pdf нет текстового слоя (это скан): загрузите текст акта в другом формате."
        )
    return text


def read_text(path):
    path = Path(path)
    if path.stat().st_size > MAX_FILE_SIZE:
        raise UnreadableFile("Файл больше 20 МБ.")
    return text_from_bytes(path.read_bytes(), path.suffix)

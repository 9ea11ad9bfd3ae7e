"""Reading the text of an act from .txt, .html or .docx files."""

from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

SUPPORTED = {".txt", ".html", ".htm", ".docx"}
MAX_FILE_SIZE = 20 * 1024 * 1024


class UnreadableFile(ValueError):
    """The file cannot be read as a legal act; the message is shown to the user."""


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "title"}
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


def _decode(data):
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("Не удалось определить кодировку файла: сохраните его в UTF-8.")


def text_from_bytes(data, suffix):
    """The plain text of a file's content; raises UnreadableFile with a Russian message."""
    suffix = suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile("Поддерживаются файлы .txt, .html и .docx.")
    if len(data) > MAX_FILE_SIZE:
        raise UnreadableFile("Файл больше 20 МБ.")
    if suffix == ".docx":
        return _docx_text(data)
    text = _decode(data)
    if suffix in (".html", ".htm"):
        extractor = _TextExtractor()
        extractor.feed(text)
        text = "".join(extractor.parts)
    return text


def _docx_text(data):
    import docx

    try:
        document = docx.Document(BytesIO(data))
    except Exception as error:  # python-docx surfaces zip and XML errors of many kinds
        raise UnreadableFile("Файл .docx повреждён или не является документом Word.") from error
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def read_text(path):
    path = Path(path)
    return text_from_bytes(path.read_bytes(), path.suffix)

"""Text helpers shared by the services: Latin slugs for Russian titles, plain user text."""

import re

from django.utils.text import slugify

# GOST 7.79-2000 «B» without diacritics, the way Russian official sites spell their URLs.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def latin_slug(text, max_length=80):
    """A lower-case ASCII slug for `text`, cut at a word boundary."""
    latin = "".join(_TRANSLIT.get(char, char) for char in text.lower())
    slug = slugify(latin)[:max_length]
    return slug.rsplit("-", 1)[0] if len(slug) == max_length and "-" in slug else slug


# Markup pasted from Word or a web page. Only what looks like a real tag is removed: a bare «<»
# or «&» is ordinary text («срок < 30 дней», «Рога & Копыта»). Script and style bodies go too.
_HIDDEN_CONTENT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)
_ATTRIBUTE = r"""\s+[a-z_:][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=]+))?"""
_TAG = re.compile(rf"<!--.*?(?:-->|\Z)|</?[a-z][a-z0-9-]*(?:{_ATTRIBUTE})*\s*/?>", re.I | re.S)


def plain_text(value):
    """Plain text as typed, minus markup tags.

    Nothing is entity-encoded: templates escape on output, so an encoded «&amp;» would show
    up doubled on the page.
    """
    return _TAG.sub("", _HIDDEN_CONTENT.sub("", value)).strip()

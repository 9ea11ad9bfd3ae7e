"""Text helpers shared by the services: Latin slugs for Russian titles."""

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

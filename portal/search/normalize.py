"""Turning what a user typed into a query the backends can use."""

import re

MAX_QUERY_LENGTH = 200

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def fold_yo(text: str) -> str:
    """ё and е are the same letter for search: people rarely type ё, acts use it inconsistently."""
    return text.replace("ё", "е").replace("Ё", "Е")


def normalize_query(text: str | None) -> str:
    """Fold ё, drop control characters, collapse whitespace and cap the length.

    The cap keeps a pasted page of text from turning into a huge tsquery; it cuts at a word
    boundary so the last word is not mangled into a typo.
    """
    text = fold_yo(_CONTROL_CHARS.sub(" ", text or ""))
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[:MAX_QUERY_LENGTH]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return text

"""Undoing hard wraps: `.txt` exports often break paragraphs at 70–80 columns.

A text counts as hard-wrapped when its long lines stop at the same right margin and many of
them stop mid-sentence. In such a text a line continues the previous one when the previous
line reached the margin (the next word would not have fitted), does not end a sentence or a
clause, and the line does not open a unit («Статья 5.», «1.», «1)», «а)», a note in brackets).
A word broken with a hyphen («муници-» / «пального») is glued back; the hyphen stays when the
word is written with it elsewhere in the text (or looks like «социально-экономический»).

Texts with one paragraph per line are returned unchanged.
"""

import re
from typing import NamedTuple

from legal_vector.importing.requisites import is_upper

MIN_WRAP_WIDTH = 40
MAX_WRAP_WIDTH = 120
# A line at least this share of the margin long may have been broken by the wrap.
FULL_SHARE = 0.85
# Lines that reach the margin mid-sentence, as a share of all lines, that mark a wrapped text.
MIN_BROKEN_SHARE = 0.1
SENTENCE_END = (".", ";", ":", "!", "?")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
BROKEN_WORD = re.compile(r"(?P<fragment>[^\W\d_]+)-$")
FIRST_WORD = re.compile(r"^(?P<word>[^\W\d_]+)")
# First halves of compound words keep their hyphen when the text does not say otherwise:
# «социально-», «жилищно-», «финансово-».
COMPOUND_FIRST_HALF = re.compile(r"^[^\W\d_]{4,}о$")


class Unwrapped(NamedTuple):
    lines: list
    width: int | None
    joined: int


def wrap_width(lines) -> int | None:
    """The right margin a hard-wrapped text was broken at; None for one paragraph per line."""
    if len(lines) < 2:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[min(len(lengths) - 1, len(lengths) * 95 // 100)]
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    broken = sum(
        1 for line in lines if len(line) >= width * FULL_SHARE and not line.endswith(SENTENCE_END)
    )
    return width if broken >= max(2, len(lines) * MIN_BROKEN_SHARE) else None


def unwrap(lines, starts_unit) -> Unwrapped:
    """Join the physical lines of hard-wrapped paragraphs; `starts_unit(line)` names markers."""
    width = wrap_width(lines)
    if width is None:
        return Unwrapped(lines, None, 0)
    vocabulary = {word.lower() for line in lines for word in WORD.findall(line)}
    result, previous, joined = [], "", 0
    for line in lines:
        if result and _continues(previous, line, width, starts_unit):
            result[-1] = _join(result[-1], line, vocabulary)
            joined += 1
        else:
            result.append(line)
        previous = line
    return Unwrapped(result, width, joined)


def _continues(previous, line, width, starts_unit):
    first_word = line.split(" ", 1)[0]
    reached_margin = len(previous) + 1 + len(first_word) > width
    return (
        reached_margin
        and not previous.endswith(SENTENCE_END)
        # Headings in capitals start afresh: «ПОСТАНОВЛЕНИЕ» after the name of the body.
        and (is_upper(previous) == is_upper(line) or _few_letters(line))
        and not starts_unit(line)
    )


def _few_letters(line):
    """«N 55.» carried over from a wrapped line is not a heading in capitals."""
    return sum(char.isalpha() for char in line) < 3


def _join(head, line, vocabulary):
    broken = BROKEN_WORD.search(head)
    rest = FIRST_WORD.match(line)
    if broken is None or rest is None or not line[0].islower():
        return f"{head} {line}"
    fragment, word = broken.group("fragment"), rest.group("word")
    if _keeps_hyphen(fragment, word, vocabulary):
        return head + line
    return head[:-1] + line


def _keeps_hyphen(fragment, word, vocabulary):
    """Is «fragment-word» a compound word rather than one word broken at the margin?"""
    if f"{fragment}-{word}".lower() in vocabulary:
        return True
    if f"{fragment}{word}".lower() in vocabulary:
        return False
    prefix = f"{fragment}-".lower()
    if any(known.startswith(prefix) for known in vocabulary):
        return True
    return bool(COMPOUND_FIRST_HALF.match(fragment))

"""The practice cards of the catalogue, each rendered once per state it shows and kept.

A card's key is a digest of everything the card prints (title, address, municipality and
region names, start year, budget, key result, the spheres' names in their order) and of how it
prints them (the card template's source), so a change of any of them is another key: nothing
needs dropping, and nothing stale can be read. A page reads those values
for its 20 practices, snippets included, in one compiled query (`portal.compiled`: no model
instances, no SQL built per request) and its cards in one cache round trip; a missing card is
rendered from the same values. A search's snippet belongs to that one search, so the kept
card holds a slot where the snippet goes (`SLOT`), filled or emptied as the card is read: a
search and a filter share one kept card.
"""

from dataclasses import dataclass, replace

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe

from portal import caching
from portal.compiled import CompiledRows
from portal.models import Sphere
from portal.search import any_wording, headline, safe_headline
from practices.models import Practice
from practices.search import SNIPPET_SOURCE

CARD_TEMPLATE = "practices/includes/practice_card.html"
# A card's key changes with what it shows; the lifetime only lets unused cards go.
CARD_SECONDS = 24 * 3600
# What the card template prints for a snippet, in the kept card: a character of the private use
# area between tags that no escaped text can print, so nothing a user typed is taken for it.
SLOT_MARK = "\ue000"
SLOT = f"<p>{SLOT_MARK}</p>"
# Any slug: it stands for each card's own in the address pattern (`_address_of`).
SLUG_MARK = "practice-slug"
PRINTED = (
    "pk", "title", "slug", "municipality__name", "municipality__region__name", "started_year",
    "budget", "key_result", "sphere_names",
)  # fmt: skip


@dataclass(frozen=True)
class Card:
    """One practice's card as HTML, with its id for `IdPage` and its title."""

    pk: int
    title: str
    html: str


@dataclass
class _Shown:
    """What a card prints, as its template reads it."""

    pk: int
    title: str
    url: str
    municipality: str
    region: str
    started_year: int
    budget: int | None
    key_result: str
    spheres: list
    snippet: str = ""

    def printed(self):
        """What the kept card prints: everything but the snippet, which goes in its slot."""
        return (
            self.pk, self.title, self.url, self.municipality, self.region, self.started_year,
            self.budget, self.key_result, self.spheres,
        )  # fmt: skip

    def filled(self, kept: str) -> str:
        return kept.replace(SLOT, f"<p>{self.snippet}</p>" if self.snippet else "")


def loader(texts=()):
    """`load(ids)` for the catalogue's `IdPage`: the cards, with snippets of a search's `texts`
    (`portal.search.query_texts`)."""
    return lambda ids: cards(ids, texts)


def cards(ids, texts=()) -> list[Card]:
    """The cards of the practices `ids` (any order; a practice gone since is left out), with
    the matched words of a search's `texts` in a snippet when there are some."""
    shown = _shown(ids, list(texts))
    by_pk = {item.pk: item for item in shown}

    def render(missing):
        template = get_template(CARD_TEMPLATE)
        return {
            pk: template.render({"card": replace(by_pk[pk], snippet=mark_safe(SLOT_MARK))})
            for pk in missing
        }

    form = caching.digest(get_template(CARD_TEMPLATE).template.source)
    keys = {
        item.pk: f"practices:card:{item.pk}:{caching.digest(form, *item.printed())}"
        for item in shown
    }
    pieces = caching.stored_pieces(keys, render, CARD_SECONDS)
    return [
        Card(pk, by_pk[pk].title, mark_safe(by_pk[pk].filled(html)))  # the snippet is escaped
        for pk, html in pieces.items()
    ]


def _printed(ids):
    spheres = Sphere.objects.filter(practices=OuterRef("pk")).order_by("order", "name")
    return (
        Practice.objects.published()
        .filter(pk__any=ids)
        .annotate(sphere_names=ArraySubquery(spheres.values("name")))
    )


def _with_snippet(ids, *texts):
    return _printed(ids).annotate(snippet=headline(SNIPPET_SOURCE, any_wording(list(texts))))


# Read on every page of the catalogue: compiled once per process (`portal.compiled`), and with
# a snippet once per number of wordings a search has (its text and its synonym wordings).
_PRINTED_ROWS = CompiledRows(_printed, PRINTED, many=True)
_SNIPPET_ROWS: dict[int, CompiledRows] = {}


def _rows(ids, texts) -> list[dict]:
    if not texts:
        return _PRINTED_ROWS(ids)
    if len(texts) not in _SNIPPET_ROWS:
        _SNIPPET_ROWS[len(texts)] = CompiledRows(
            _with_snippet, (*PRINTED, "snippet"), many=True, texts=len(texts)
        )
    return _SNIPPET_ROWS[len(texts)](ids, *texts)


def _address_of():
    """A practice's address from its slug, with one URL lookup for a page of cards (slugs
    are plain ASCII, printed in the address as they are)."""
    pattern = reverse("practices:detail", args=[SLUG_MARK])
    return lambda slug: pattern.replace(SLUG_MARK, slug)


def _shown(ids, texts) -> list[_Shown]:
    address = _address_of()
    return [
        _Shown(
            row["pk"],
            row["title"],
            address(row["slug"]),
            row["municipality__name"],
            row["municipality__region__name"],
            row["started_year"],
            row["budget"],
            row["key_result"],
            row["sphere_names"],
            safe_headline(row["snippet"]) if texts else "",
        )
        for row in _rows(ids, texts)
    ]

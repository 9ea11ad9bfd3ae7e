"""The practice cards of the catalogue, each rendered once per state it shows and kept.

A card's key is a digest of everything the card prints (title, address, municipality and
region names, start year, budget, key result, the search snippet, the spheres' names in their
order) and of how it prints them (the card template's source), so a change of any of them is
another key: nothing needs dropping, and nothing stale can be read. A page reads those values
for its 20 practices in two light queries (no model instances) and its cards in one cache round
trip; a missing card is rendered from the same values.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe

from portal import caching
from practices.models import Practice
from practices.search import attach_snippets

CARD_TEMPLATE = "practices/includes/practice_card.html"
# A card's key changes with what it shows; the lifetime only lets unused cards go.
CARD_SECONDS = 24 * 3600
PRINTED = (
    "pk", "title", "slug", "municipality__name", "municipality__region__name", "started_year",
    "budget", "key_result",
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
        return (
            self.pk, self.title, self.url, self.municipality, self.region, self.started_year,
            self.budget, self.key_result, self.spheres, self.snippet,
        )  # fmt: skip


def loader(search_query=None):
    """`load(ids)` for the catalogue's `IdPage`: the cards, with snippets of `search_query`."""
    return lambda ids: cards(ids, search_query)


def cards(ids, search_query=None) -> list[Card]:
    """The cards of the practices `ids` (any order; a practice gone since is left out)."""
    shown = _shown(ids)
    if search_query is not None:
        attach_snippets(shown, search_query)
    form = caching.digest(get_template(CARD_TEMPLATE).template.source)
    keys = {
        item.pk: f"practices:card:{item.pk}:{caching.digest(form, *item.printed())}"
        for item in shown
    }
    by_pk = {item.pk: item for item in shown}

    def render(missing):
        template = get_template(CARD_TEMPLATE)
        return {pk: template.render({"card": by_pk[pk]}) for pk in missing}

    pieces = caching.stored_pieces(keys, render, CARD_SECONDS)
    return [Card(pk, by_pk[pk].title, mark_safe(html)) for pk, html in pieces.items()]


def _shown(ids):
    rows = Practice.objects.published().filter(pk__in=ids).values_list(*PRINTED)
    spheres = {}
    names = (
        Practice.spheres.through.objects.filter(practice_id__in=ids)
        .order_by("sphere__order", "sphere__name")
        .values_list("practice_id", "sphere__name")
    )
    for practice_id, name in names:
        spheres.setdefault(practice_id, []).append(name)
    return [
        _Shown(
            pk,
            title,
            reverse("practices:detail", args=[slug]),
            municipality,
            region,
            started_year,
            budget,
            key_result,
            spheres.get(pk, []),
        )
        for pk, title, slug, municipality, region, started_year, budget, key_result in rows
    ]

"""The problem cards of the field, each rendered once per state it shows and kept in the cache.

A card's key is a digest of everything the card prints (title, names of the direction,
municipality and region, status, level, supports, priority, the «просрочена» flag at this
moment) and of how it prints them (the card template's source, the labels, the problem
address), so a change of any of them is another key: nothing needs dropping, and nothing
stale can be read. A page reads those values for its 20 problems in one light query (no model
instances, its SQL compiled once per process) and its cards in one cache round trip; a missing
card is rendered from the same values, so what is stored is exactly what its key names.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from dialog.models import Problem, ProblemLevel, ProblemStatus
from portal import caching
from portal.compiled import CompiledRows
from portal.models import Sphere
from portal.municipalities.models import Municipality, Region

CARD_TEMPLATE = "dialog/includes/problem_card.html"
# A card's key changes with what it shows; the lifetime only lets unused cards go.
CARD_SECONDS = 24 * 3600
# What the card prints, read from the row (the names through their joins).
PRINTED = (
    "pk", "title", "direction__name", "municipality_id", "municipality__name", "region_id",
    "region__name", "status", "level", "supports_count", "is_prioritized", "due_at",
    "sla_paused_at",
)  # fmt: skip


# Read on every page of the field: compiled once per process (`portal.compiled`).
_PRINTED_ROWS = CompiledRows(lambda ids: Problem.objects.filter(pk__any=ids), PRINTED, many=True)


@dataclass(frozen=True)
class Card:
    """One problem's card as HTML, with its id for `IdPage`."""

    pk: int
    html: str


def cards(ids) -> list[Card]:
    """The cards of the problems `ids` (any order; a problem gone since is left out)."""
    now = timezone.now()
    form = _form()
    rows = {row["pk"]: tuple(row.values()) for row in _PRINTED_ROWS(ids)}
    keys = {pk: _key(form, row, now) for pk, row in rows.items()}

    def render(missing):
        template = get_template(CARD_TEMPLATE)
        return {pk: template.render({"problem": _problem(rows[pk])}) for pk in missing}

    pieces = caching.stored_pieces(keys, render, CARD_SECONDS)
    return [Card(pk, mark_safe(html)) for pk, html in pieces.items()]


def _problem(row):
    """A problem with only what its card prints, built from its PRINTED values (not saved)."""
    values = dict(zip(PRINTED, row, strict=True))
    problem = Problem(
        pk=values["pk"],
        **{name: values[name] for name in PRINTED if "__" not in name and name != "pk"},
    )
    problem.direction = Sphere(name=values["direction__name"])
    if problem.municipality_id:
        problem.municipality = Municipality(
            pk=problem.municipality_id, name=values["municipality__name"]
        )
    if problem.region_id:
        problem.region = Region(pk=problem.region_id, name=values["region__name"])
    return problem


def _key(form, printed, now):
    due_at = printed[PRINTED.index("due_at")]
    # With status and the pause in the key, this decides `Problem.is_overdue` at `now`. The
    # card is rendered a moment later; the flag only turns on with time, so a card rendered
    # past its due moment is never read under the earlier key.
    past_due = due_at is not None and due_at < now
    return f"dialog:card:{printed[0]}:{caching.digest(form, *printed, past_due)}"


def _form():
    """How the cards print: the template, the labels, the address of a problem."""
    source = get_template(CARD_TEMPLATE).template.source
    return caching.digest(
        source, ProblemStatus.choices, ProblemLevel.choices, reverse("dialog:problem", args=[0])
    )

"""The catalogue's column snapshot (`portal.column_index`): facet counts and pages of practices.

Every published practice is one row, newest first, with the keys the catalogue filters and
counts by (spheres and their directions, region, municipality type, population band, start year,
award, measurable results), the numbers it filters and sorts by (budget, adoptions, «полезно»),
and the orders «чаще внедряют» and «самые полезные». `PracticeFilter` stays the one definition
of the filter: the snapshot is asked with its cleaned values, and
`tests/practices/test_catalogue_index.py` compares both on the same practices.

Rebuilt when a practice, an adoption, an indicator or a contest entry is saved (`changed()`,
at most once per COLUMN_INDEX_MIN_AGE) and at least every MAX_AGE_SECONDS, the longest the
«полезно» order may lag behind the readers' marks.
"""

from dataclasses import dataclass, field

import numpy as np
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce

from portal import caching, column_index
from portal.column_index import Epoch
from portal.models import Sphere
from portal.municipalities.bands import population_band
from portal.municipalities.models import Region
from portal.search import query_texts
from practices.filters import ADOPTED_CHOICES, SORT_ADOPTED, SORT_RELEVANCE, SORT_USEFUL
from practices.models import Entry, Indicator, Practice
from practices.models.querysets import RELATED_LIMIT, adoption_count, usefulness
from practices.search import PRACTICE_INDEX

NAME = "practices:catalogue-index"
MAX_AGE_SECONDS = 60
COLUMNS = (
    "pk", "region_key", "kind_key", "band_key", "year_key", "is_awarded", "is_measured",
    "budget", "adoption_total", "useful_total", "published",
)  # fmt: skip
KEYS = {"region": "region_key", "kind": "kind_key", "population": "band_key", "year": "year_key"}
FLAGS = {"award": "is_awarded", "measured": "is_measured"}


def changed(**_signal):
    """Something the catalogue filters by was saved: snapshots rebuild on their next read."""
    caching.bump(NAME)


def current() -> column_index.Snapshot:
    return column_index.current(NAME, build, MAX_AGE_SECONDS)


def build() -> column_index.Snapshot:
    practices = Practice.objects.published().order_by()
    awarded = Entry.objects.filter(
        practice_id=OuterRef("pk"),
        place__isnull=False,
        nomination__contest__results_published_at__isnull=False,
    )
    rows = practices.annotate(
        # Placeholders for missing keys keep the columns free of None (a fast coding).
        region_key=Coalesce("municipality__region_id", 0),
        kind_key=Coalesce("municipality__kind", Value("")),
        band_key=Coalesce(population_band("municipality__population"), Value("")),
        year_key=Coalesce("started_year", 0),
        is_awarded=Exists(awarded),
        is_measured=Exists(Indicator.objects.filter(practice_id=OuterRef("pk"))),
        adoption_total=adoption_count(),
        useful_total=usefulness(Practice),
        published=Epoch("first_published_at"),
    )
    fetched = column_index.Snapshot.fetch(rows, COLUMNS, coded=("kind_key", "band_key"))
    pks = np.array(fetched["pk"], dtype=np.int64)
    published = np.array(fetched["published"], dtype=np.float64)
    # The catalogue's default order, newest first (`PracticeQuerySet.newest()`).
    newest = np.lexsort((-pks, np.nan_to_num(-published, nan=np.inf)))
    column = column_index.reordered(fetched, newest)
    spheres = Practice.spheres.through.objects.filter(practice__in=practices)
    snapshot = column_index.Snapshot.build(
        column["pk"],
        keys={name: column[source] for name, source in {**KEYS, **FLAGS}.items()},
        numbers={
            "budget": column["budget"].astype(np.float64),
            "adoptions": column["adoption_total"].astype(np.float64),
            "useful": column["useful_total"].astype(np.float64),
        },
        sets={
            "sphere": list(spheres.values_list("practice_id", "sphere_id")),
            "direction": list(
                spheres.values_list("practice_id", Coalesce("sphere__parent_id", "sphere_id"))
                .order_by()
                .distinct()
            ),
        },
    )
    snapshot.choices["sphere_parent"] = list(Sphere.objects.values_list("pk", "parent_id"))
    # The facets' labels, read with the rows: a page of the catalogue needs no query for them.
    snapshot.choices["sphere"] = list(Sphere.objects.values_list("pk", "slug", "name", "parent_id"))
    snapshot.choices["region"] = list(Region.objects.values_list("pk", "code", "name"))
    pks = snapshot.pks
    snapshot.order_by(SORT_ADOPTED, [-snapshot.numbers["adoptions"], -pks])
    snapshot.order_by(SORT_USEFUL, [-snapshot.numbers["useful"], -pks])
    return snapshot


@dataclass
class CatalogueQuery:
    """The snapshot asked with a `PracticeFilter`: masks per facet, counts, the page order."""

    snapshot: column_index.Snapshot
    masks: dict
    narrowing: np.ndarray
    # Each row's relevance to the searched text (None without a text).
    relevance: np.ndarray | None
    sort: str
    # The searched text and its synonym wordings (`portal.search.query_texts`).
    texts: list[str] = field(default_factory=list)
    # (mask, `sparse_side`) of all chosen filters: the rows of every facet nobody filtered by.
    _everything: tuple | None = field(default=None, repr=False)

    @classmethod
    def of(cls, filterset):
        snapshot = current()
        filterset.form.is_valid()  # an invalid field is left out, the others apply
        data = filterset.form.cleaned_data
        spheres = _with_children(snapshot, column_index.chosen(data, "sphere"))
        regions = [region.pk for region in column_index.chosen(data, "region")]
        masks = {
            "sphere": snapshot.among("sphere", spheres),
            "region": snapshot.among("region", regions),
            "kind": snapshot.among("kind", data.get("kind") or ()),
            "population": snapshot.among("population", data.get("population") or ()),
            "year": snapshot.among("year", data.get("year") or ()),
            "award": snapshot.among("award", [True]) if data.get("award") else None,
            "measured": snapshot.among("measured", [True]) if data.get("measured") else None,
            "adopted": _adopted(snapshot, data.get("adopted")),
        }
        # Text and budget are not facets: they narrow every facet alike.
        narrowing = snapshot.everything()
        budget = snapshot.numbers["budget"]
        if data.get("budget_min") is not None:
            narrowing &= budget >= float(data["budget_min"])
        if data.get("budget_max") is not None:
            narrowing &= budget <= float(data["budget_max"])
        relevance, texts = None, query_texts(filterset.text)
        if filterset.text:
            found, relevance = _scored(snapshot, filterset, texts)
            narrowing &= found
        return cls(snapshot, masks, narrowing, relevance, filterset.sort_order, texts)

    def mask(self, without=""):
        masks = [mask for name, mask in self.masks.items() if name != without]
        return column_index.Snapshot.combined([self.narrowing, *masks], len(self.snapshot))

    def facet_counts(self):
        """{facet: {value as text: practices}} under the other chosen filters, as
        `practices.facets` shows them; values without practices are absent."""
        counts = {}
        for facet in ("sphere", "region", "kind", "population", "year"):
            counted = self._counts(facet)
            counts[facet] = {str(value): n for value, n in counted.items() if value not in (0, "")}
        counts["direction"] = {
            str(value): n
            for value, n in self.snapshot.counts("direction", self.mask(without="sphere")).items()
        }
        for facet in FLAGS:
            flagged = self._counts(facet).get(True, 0)
            counts[facet] = {"1": flagged} if flagged else {}
        adoptions = np.compress(self.mask(without="adopted"), self.snapshot.numbers["adoptions"])
        counts["adopted"] = {
            value: int((adoptions >= int(value)).sum()) for value, _ in ADOPTED_CHOICES
        }
        return counts

    def _counts(self, facet):
        if self.masks.get(facet) is not None:
            return self.snapshot.counts(facet, self.mask(without=facet))
        if self._everything is None:
            everything = self.mask()
            self._everything = everything, *self.snapshot.sparse_side(everything)
        return self.snapshot.counts(facet, *self._everything)

    def ordered(self):
        """Positions of the matching practices in the chosen sort (a sequence of them)."""
        mask = self.mask()
        if self.sort == SORT_RELEVANCE and self.relevance is not None:
            return self.snapshot.by_relevance(mask, self.relevance)
        order = self.sort if self.sort in (SORT_ADOPTED, SORT_USEFUL) else ""
        return self.snapshot.positions(mask, order)

    def page_source(self, load):
        """The matching practices for `Paginator`; `load(ids)` reads one page's rows."""
        return column_index.IdPage(self.snapshot, self.ordered(), load)


def _scored(snapshot, filterset, texts) -> tuple[np.ndarray, np.ndarray]:
    """(rows matching the search, each row's relevance): the sum of the words' ranks, which
    orders «по релевантности» (then the newest id first). Each word goes to the database (or
    the search engine) once per snapshot; a text in web search syntax goes whole, ranked there,
    and its rows score by their place in that ranking."""
    scored = snapshot.scored_matching(PRACTICE_INDEX, filterset.text, texts=texts)
    if scored is not None:
        return scored
    matches = filterset.filter_text(Practice.objects.published(), "q", filterset.text)
    ids = matches.order_by(F("relevance").desc(), "-pk").values_list("pk", flat=True)
    rows = snapshot.positions_of(ids)
    found = np.zeros(len(snapshot), dtype=bool)
    found[rows] = True
    relevance = np.zeros(len(snapshot), dtype=np.float32)
    relevance[rows] = np.arange(len(rows), 0, -1)
    return found, relevance


def related_to_measure(measure, limit=RELATED_LIMIT) -> list[Practice]:
    """`Practice.objects.related_to_measure(measure)`, its tiers as masks of the snapshot: that
    query reads every practice to place each in its tier (50 ms over 30,000), this one reads
    the measure's links and the four practices shown. The query answers instead while the
    snapshot misses a saved practice (a measure's page keeps the block for half an hour)."""
    snapshot = current()
    if snapshot.version != caching.version(NAME):
        return list(Practice.objects.related_to_measure(measure, limit))
    spheres = [(sphere.pk, sphere.parent_id) for sphere in measure.spheres.all()]
    named = snapshot.of_ids(
        Practice.support_measures.through.objects.filter(supportmeasure_id=measure.pk).values_list(
            "practice_id", flat=True
        )
    )
    same_sphere = _rows(snapshot, "sphere", [pk for pk, _ in spheres])
    same_direction = _rows(snapshot, "direction", {parent or pk for pk, parent in spheres})
    in_region = _rows(snapshot, "region", [region.pk for region in measure.regions.all()])
    candidates = np.flatnonzero(named | same_direction)
    tier = (4 * named + 2 * same_sphere + in_region.astype(np.int8))[candidates]
    # A stable sort keeps the snapshot's order, newest first, among practices of one tier.
    ids = snapshot.ids(candidates[np.argsort(-tier, kind="stable")][:limit])
    shown = Practice.objects.published().for_lists().in_bulk(ids)
    return [shown[pk] for pk in ids if pk in shown]


def _rows(snapshot, name, chosen) -> np.ndarray:
    mask = snapshot.among(name, chosen)
    return mask if mask is not None else np.zeros(len(snapshot), dtype=bool)


def _with_children(snapshot, spheres):
    """A chosen direction includes its sub-spheres (`PracticeQuerySet.in_sphere`)."""
    chosen = {sphere.pk for sphere in spheres}
    if not chosen:
        return set()
    return chosen | {pk for pk, parent in snapshot.choices["sphere_parent"] if parent in chosen}


def _adopted(snapshot, value):
    return snapshot.numbers["adoptions"] >= int(value) if value else None

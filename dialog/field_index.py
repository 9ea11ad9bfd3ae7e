"""The problem field's column snapshot (`portal.column_index`): facets, pages and analytics.

Every public problem is one row, newest first, with the keys the field filters and counts by
(direction, region, municipality type, status, level, has answer, overdue, cluster) and the
figures of the analytics (month, supports, days to moderation and to answer, answered within the
SLA). `ProblemFilter` stays the one definition of the field's filter: the snapshot is asked with
its cleaned values, and `tests/dialog/test_field_index.py` compares both on the same problems.

Rebuilt when a problem is saved (`changed()`; at most once per COLUMN_INDEX_MIN_AGE) and at
least every MAX_AGE_SECONDS, which is also the longest the «просрочена» facet, the supports order
and the analytics' support figures may lag behind the clock and the supports (a support does not
rebuild it: supports come in bursts, and a minute's lag in an order is harmless).
"""

from dataclasses import dataclass

import numpy as np
from django.db.models import F, Min, Value
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils import timezone

from dialog.documents import PROBLEM_INDEX
from dialog.models import Problem, TransitionLog
from dialog.models.choices import ANSWERED_STATUSES, AWAITING_ANSWER
from portal import caching, column_index
from portal.column_index import Epoch
from portal.models import Sphere
from portal.municipalities.models import Region

NAME = "dialog:field-index"
MAX_AGE_SECONDS = 60
DAY = 86400
KEYS = ("direction", "region", "kind", "status", "level", "answered", "overdue", "cluster")
FIGURES = ("supports", "moderation_days", "answer_days", "within_sla", "month")
# The field's filters that the snapshot answers: the FilterSet parameter and the key it reads.
FACETS = ("direction", "region", "kind", "status", "level", "answered", "overdue")


def changed():
    """A problem was saved or hidden: snapshots rebuild on their next read."""
    caching.bump(NAME)


def current() -> column_index.Snapshot:
    return column_index.current(NAME, build, MAX_AGE_SECONDS)


COLUMNS = (
    "pk", "direction_slug", "region_code", "municipality_kind", "status", "level", "cluster_key",
    "supports_count", "is_prioritized", "submitted", "published", "answered", "due", "paused",
    "year", "month",
)  # fmt: skip


def build() -> column_index.Snapshot:
    problems = (
        Problem.objects.public()
        .order_by()
        .annotate(
            # Placeholders for missing keys keep the columns free of None (a fast coding).
            direction_slug=F("direction__slug"),
            region_code=Coalesce("region__code", Value("")),
            cluster_key=Coalesce("cluster_id", 0),
            submitted=Epoch("submitted_at"),
            published=Epoch("published_at"),
            answered=Epoch("answered_at"),
            due=Epoch("due_at"),
            paused=Epoch("sla_paused_at"),
            year=ExtractYear("published_at"),
            month=ExtractMonth("published_at"),
        )
    )
    fetched = column_index.Snapshot.fetch(problems, COLUMNS, coded=COLUMNS[1:6])
    # The field's default order, newest first (`ProblemFilter.qs`), sorted here, not by SQL.
    published = np.array(fetched["published"], dtype=np.float64)
    pks = np.array(fetched["pk"], dtype=np.int64)
    newest = np.lexsort((-pks, np.nan_to_num(-published, nan=np.inf)))
    column = column_index.reordered(fetched, newest)
    del fetched, published, pks  # a build of a big list must not hold two copies of it
    number = {name: column.pop(name).astype(np.float64, copy=False) for name in COLUMNS[7:]}
    status = column["status"]
    awaiting = status.among(s.value for s in AWAITING_ANSWER)
    answered = status.among(s.value for s in ANSWERED_STATUSES)
    now = timezone.now().timestamp()
    overdue = awaiting & (number["due"] < now) & np.isnan(number["paused"])
    moderated = _first_publications(column["pk"].astype(np.int64))
    within_sla = np.where(np.isnan(number["answered"]), np.nan, number["answered"] <= number["due"])
    snapshot = column_index.Snapshot.build(
        column["pk"],
        keys={
            "direction": column["direction_slug"],
            "region": column["region_code"],
            "kind": column["municipality_kind"],
            "status": status,
            "level": column["level"],
            "answered": np.where(answered, "yes", "no"),
            "overdue": np.where(overdue, "yes", "no"),
            "cluster": column["cluster_key"],
        },
        numbers={
            "supports": number["supports_count"],
            "moderation_days": (moderated - number["submitted"]) / DAY,
            "answer_days": (number["answered"] - number["published"]) / DAY,
            "within_sla": within_sla,
            "month": number["year"] * 12 + number["month"] - 1,
        },
    )
    snapshot.choices = {
        "direction": list(Sphere.objects.directions().values_list("slug", "name")),
        "region": list(Region.objects.values_list("code", "name")),
    }
    pks = snapshot.pks
    snapshot.order_by("supported", [-number["supports_count"], -pks])
    waiting_since = np.nan_to_num(number["published"], nan=np.inf)
    snapshot.order_by("waiting", [~number["is_prioritized"].astype(bool), waiting_since, pks])
    return snapshot


def _first_publications(snapshot_pks):
    """When a moderator first published each problem of `snapshot_pks` (seconds; NaN when
    never), as an array in their order."""
    first = column_index.Snapshot.fetch(
        TransitionLog.objects.filter(action="publish")
        .values("problem_id")
        .annotate(first=Min(Epoch("at")))
        .order_by(),
        ("problem_id", "first"),
    )
    moderated = np.full(len(snapshot_pks), np.nan)
    found, positions = column_index.positions_in(snapshot_pks, first["problem_id"].astype(np.int64))
    moderated[positions] = first["first"][found]
    return moderated


@dataclass
class FieldQuery:
    """The snapshot asked with a valid `ProblemFilter`: masks per facet, counts, the order."""

    snapshot: column_index.Snapshot
    masks: dict
    sort: str

    @classmethod
    def of(cls, filterset):
        snapshot = current()
        data = filterset.form.cleaned_data
        directions = [direction.slug for direction in column_index.chosen(data, "direction")]
        regions = [region.code for region in column_index.chosen(data, "region")]
        masks = {
            "direction": snapshot.among("direction", directions),
            "region": snapshot.among("region", regions),
            "kind": snapshot.among("kind", data.get("kind") or ()),
            "status": snapshot.among("status", data.get("status") or ()),
            "level": snapshot.among("level", data.get("level") or ()),
            "answered": snapshot.among(
                "answered", [data["answered"]] if data.get("answered") else ()
            ),
            "overdue": snapshot.among("overdue", [data["overdue"]] if data.get("overdue") else ()),
        }
        if data.get("cluster") is not None:
            masks["cluster"] = snapshot.among("cluster", [int(data["cluster"])])
        if data.get("q"):
            # Each word goes to the database (or the search engine) once per snapshot; ids of
            # problems that are not public are simply not in the snapshot.
            masks["q"] = snapshot.matching(PROBLEM_INDEX, data["q"])
        return cls(snapshot, masks, filterset.sort_order)

    def mask(self, without=""):
        masks = (mask for name, mask in self.masks.items() if name != without)
        return column_index.Snapshot.combined(masks, len(self.snapshot))

    def facet_counts(self):
        """{param: {value: count}}, each facet counted under the other filters only."""
        everything = self.mask()
        shared = self.snapshot.sparse_side(everything)  # for every facet nobody filtered by
        counts = {
            name: self.snapshot.counts(name, self.mask(without=name))
            if self.masks.get(name) is not None
            else self.snapshot.counts(name, everything, *shared)
            for name in FACETS
        }
        for yes_no in ("answered", "overdue"):
            counts[yes_no] = {"yes": 0, "no": 0, **counts[yes_no]}
        return counts

    def ordered(self):
        """Positions of the matching problems in the chosen sort."""
        mask = self.mask()
        if self.sort == "waiting":
            mask &= self.snapshot.among("status", [status.value for status in AWAITING_ANSWER])
        order = "" if self.sort == "newest" else self.sort
        return self.snapshot.positions(mask, order)

    def page_source(self, load=None):
        """The matching problems for `Paginator`, loaded page by page: as model instances, or
        as whatever `load(ids)` makes of them (items with a `pk`, such as cards)."""
        return column_index.IdPage(
            self.snapshot,
            self.ordered(),
            load or (lambda ids: Problem.objects.for_lists().filter(pk__in=ids)),
        )

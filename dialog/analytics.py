"""Figures of the problem field for the analytics page, computed for any filter of the field.

They are read from the field's column snapshot (`dialog.field_index`) under the same masks as
the field's list, so every figure of a filtered page costs milliseconds, not a scan of the
problems, and lags behind the problems by at most the snapshot's age (a minute).
"""

import numpy as np

from dialog.field_index import FieldQuery
from dialog.models import Problem, ProblemStatus

MONTHS = 24
REGIONS = 15
TOP_SUPPORTED = 10


def _rounded(days):
    return round(days, 1) if days is not None else None


def _share(part, whole):
    return round(100 * part / whole) if whole else None


def figures(query: FieldQuery):
    """The analytics of the problems `query` (a valid filter of the field) selects."""
    snapshot, mask = query.snapshot, query.mask()
    rows = snapshot.sparse_side(mask)  # shared by the five counts below
    statuses = snapshot.counts("status", mask, *rows)
    answered = snapshot.counts("answered", mask, *rows).get("yes", 0)
    total = int(mask.sum())
    within_sla = np.compress(mask, snapshot.numbers["within_sla"])
    backlog = statuses.get(ProblemStatus.PUBLISHED.value, 0) + statuses.get(
        ProblemStatus.REVIEW.value, 0
    )
    return {
        "total": total,
        "answered": answered,
        "solved": statuses.get(ProblemStatus.SOLVED.value, 0),
        "backlog": backlog,
        "overdue": snapshot.counts("overdue", mask, *rows).get("yes", 0),
        "within_sla": int(np.nansum(within_sla)),
        "median_answer_days": _rounded(snapshot.median("answer_days", mask)),
        "median_moderation_days": _rounded(snapshot.median("moderation_days", mask)),
        "within_sla_share": _share(int(np.nansum(within_sla)), answered),
        "solved_share": _share(statuses.get(ProblemStatus.SOLVED.value, 0), total),
        "by_direction": _labelled(
            snapshot.counts("direction", mask, *rows),
            dict(snapshot.choices["direction"]),
        ),
        "by_region": _labelled(
            _with_unknown(snapshot.counts("region", mask, *rows), total),
            dict(snapshot.choices["region"]),
        )[:REGIONS],
        "by_status": [
            (ProblemStatus(value).label, n) for value, n in _largest_first(statuses.items())
        ],
        "by_month": _by_month(snapshot, mask),
        "top_supported": _top_supported(snapshot, mask),
    }


def _largest_first(pairs):
    return sorted(pairs, key=lambda pair: (-pair[1], str(pair[0])))


def _labelled(counts, names):
    return _largest_first((names.get(key) or "не указан", n) for key, n in counts.items())


def _with_unknown(counts, total):
    """Counts with the problems that have no value under None («не указан»)."""
    unknown = total - sum(counts.values())
    return {**counts, None: unknown} if unknown else counts


def _by_month(snapshot, mask):
    months = np.compress(mask, snapshot.numbers["month"])
    months = months[~np.isnan(months)].astype(np.int64)
    if not months.size:
        return []
    # Counted, not sorted: months are a short range of whole numbers.
    first = int(months.min())
    totals = np.bincount(months - first)
    found = np.flatnonzero(totals)
    return [
        (f"{month % 12 + 1:02d}.{month // 12}", int(totals[month - first]))
        for month in (found + first).tolist()
    ][-MONTHS:]


def _top_supported(snapshot, mask):
    ids = snapshot.ids(snapshot.positions(mask, "supported")[:TOP_SUPPORTED])
    found = Problem.objects.only("pk", "title", "status", "supports_count").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def bars(rows, width=640, bar=22, gap=6, label_width=260):
    """Geometry of a horizontal bar chart for a server-rendered SVG (no script, no library)."""
    top = max((n for _, n in rows), default=0) or 1
    span = width - label_width - 60
    return {
        "width": width,
        "height": len(rows) * (bar + gap) + gap,
        "label_width": label_width,
        "bars": [
            {
                "label": label,
                "value": n,
                "y": gap + i * (bar + gap),
                # Whole numbers: a localised «21,4» in an SVG attribute is read as two
                # coordinates, which scatters the label letter by letter.
                "text_y": round(gap + i * (bar + gap) + bar * 0.7),
                "length": max(1, round(span * n / top)),
                "value_x": label_width + max(1, round(span * n / top)) + 6,
            }
            for i, (label, n) in enumerate(rows)
        ],
        "bar": bar,
    }

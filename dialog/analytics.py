"""Figures of the problem field for the analytics page, computed for any filter of the field.

Every figure is one aggregate statement over the filtered rows (indexed columns only), so the
page stays bounded whatever the filter.
"""

from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from dialog.models import TransitionLog
from dialog.models.choices import ANSWERED_STATUSES, AWAITING_ANSWER, ProblemStatus


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def _duration(end, start):
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def _days(value):
    return round(value.total_seconds() / 86400, 1) if value is not None else None


def figures(problems):
    """The analytics of the `problems` QuerySet (already filtered, unordered)."""
    problems = problems.order_by()
    now = timezone.now()
    totals = problems.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(status__in=ANSWERED_STATUSES)),
        solved=Count("pk", filter=Q(status=ProblemStatus.SOLVED)),
        backlog=Count("pk", filter=Q(status__in=AWAITING_ANSWER)),
        overdue=Count(
            "pk", filter=Q(status__in=AWAITING_ANSWER, due_at__lt=now, sla_paused_at__isnull=True)
        ),
        within_sla=Count("pk", filter=Q(answered_at__isnull=False, answered_at__lte=F("due_at"))),
        median_answer=Median(
            _duration("answered_at", "published_at"), filter=Q(answered_at__isnull=False)
        ),
    )
    moderation = TransitionLog.objects.filter(
        problem__in=problems.values("pk"), action="publish"
    ).aggregate(median=Median(_duration("at", "problem__submitted_at")))
    answered = totals["answered"]
    return {
        **totals,
        "median_answer_days": _days(totals["median_answer"]),
        "median_moderation_days": _days(moderation["median"]),
        "within_sla_share": round(100 * totals["within_sla"] / answered) if answered else None,
        "solved_share": round(100 * totals["solved"] / totals["total"])
        if totals["total"]
        else None,
        "by_direction": _grouped(problems, "direction__name"),
        "by_region": _grouped(problems, "region__name")[:15],
        "by_status": [(ProblemStatus(value).label, n) for value, n in _grouped(problems, "status")],
        "by_month": [
            (month.strftime("%m.%Y"), n)
            for month, n in problems.filter(published_at__isnull=False)
            .annotate(month=TruncMonth("published_at"))
            .values_list("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        ][-24:],
        "top_supported": list(
            problems.order_by("-supports_count", "pk").only(
                "pk", "title", "status", "supports_count"
            )[:10]
        ),
    }


def _grouped(problems, path):
    rows = problems.values_list(path).annotate(n=Count("pk")).order_by("-n", path)
    return [(label or "не указан", n) for label, n in rows]


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
                "text_y": gap + i * (bar + gap) + bar * 0.7,
                "length": max(1, round(span * n / top)),
                "value_x": label_width + max(1, round(span * n / top)) + 6,
            }
            for i, (label, n) in enumerate(rows)
        ],
        "bar": bar,
    }

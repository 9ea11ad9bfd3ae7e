"""The field's column snapshot answers exactly what `ProblemFilter` answers in SQL: the same
problems in the same order for every sort, and each facet counted under the other filters."""

import datetime
import random
import re

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from dialog import analytics, field_index
from dialog.field_index import FieldQuery
from dialog.filters import ProblemFilter
from dialog.models import Problem, ProblemLevel, ProblemStatus, TransitionLog
from dialog.models.choices import ANSWERED_STATUSES, AWAITING_ANSWER
from portal import column_index
from portal.models import Sphere
from portal.municipalities.models import Municipality, MunicipalityType
from tests.dialog.factories import problem_in

pytestmark = pytest.mark.django_db

S = ProblemStatus
STATES = [S.PUBLISHED, S.REVIEW, S.ANSWERED, S.IN_PROGRESS, S.SOLVED, S.UNSOLVABLE, S.MODERATION]
PLAIN = {
    "direction": "direction__slug",
    "region": "region__code",
    "kind": "municipality_kind",
    "status": "status",
    "level": "level",
}


@pytest.fixture
def problems():
    rng = random.Random(7)
    now = timezone.now()
    directions = list(Sphere.objects.directions()[:4])
    places = list(Municipality.objects.select_related("region")[:6])
    made = []
    for number in range(60):
        place = rng.choice(places + [None])
        status = rng.choice(STATES)
        problem = problem_in(
            status,
            title=f"Проблема {number} {'сетей' if number % 3 else 'дорог'}",
            direction=rng.choice(directions),
            municipality=place,
            region=place.region if place else None,
            municipality_kind=rng.choice([*MunicipalityType.values, ""]),
            level=rng.choice(ProblemLevel.values),
            supports_count=rng.randint(0, 5),
            is_prioritized=rng.random() < 0.2,
        )
        if status not in (S.MODERATION,):
            # Equal publication times for some, so the tie order is tested too.
            problem.published_at = now - datetime.timedelta(days=rng.randint(0, 3))
            problem.due_at = now + datetime.timedelta(days=rng.randint(-5, 5))
            if status in ANSWERED_STATUSES:
                problem.answered_at = problem.published_at + datetime.timedelta(
                    days=rng.randint(1, 9)
                )
            problem.sla_paused_at = now if rng.random() < 0.1 else None
            problem.save()
            TransitionLog.objects.create(
                problem=problem, action="publish", source=S.MODERATION, target=S.PUBLISHED,
                at=problem.published_at,
            )  # fmt: skip
        made.append(problem)
    Problem.objects.filter(pk=made[0].pk).update(is_hidden=True)
    field_index.changed()
    return made


def _filters(rng):
    """Random combinations of the field's parameters, as a user could set them."""
    problems = Problem.objects.public()
    values = {
        "direction": list(problems.values_list("direction__slug", flat=True).distinct()),
        "region": list(
            problems.exclude(region=None).values_list("region__code", flat=True).distinct()
        ),
        "kind": MunicipalityType.values,
        "status": [s.value for s in STATES if s != S.MODERATION],
        "level": ProblemLevel.values,
    }  # fmt: skip
    for _ in range(60):
        data = {}
        for name, options in values.items():
            if rng.random() < 0.4:
                data[name] = rng.sample(options, rng.randint(1, min(2, len(options))))
        for name in ("answered", "overdue"):
            if rng.random() < 0.3:
                data[name] = rng.choice(["yes", "no"])
        if rng.random() < 0.3:
            # One word, two (each asked of the database once), a stop word, a word nowhere,
            # and web search syntax (sent whole).
            data["q"] = rng.choice(
                ["сетей", "дорог", "проблема дорог", "сетей и проблемы", "дорог сетей",
                 "мостов", '"проблема 1"', "сетей or дорог", "проблема -дорог"]
            )  # fmt: skip
        data["sort"] = rng.choice(["newest", "supported", "waiting"])
        yield data


def _sql_counts(data):
    """Each facet counted in SQL under the other filters (the reference)."""
    counts = {}
    for param, path in PLAIN.items():
        others = {k: v for k, v in data.items() if k not in (param, "sort")}
        rows = ProblemFilter(others).qs.order_by().values(path).annotate(n=Count("pk"))
        counts[param] = {row[path]: row["n"] for row in rows if row[path] not in (None, "")}
    answered = Q(status__in=ANSWERED_STATUSES)
    overdue = Q(status__in=AWAITING_ANSWER, due_at__lt=timezone.now(), sla_paused_at__isnull=True)
    for param, condition in (("answered", answered), ("overdue", overdue)):
        others = {k: v for k, v in data.items() if k not in (param, "sort")}
        rows = ProblemFilter(others).qs.order_by()
        counts[param] = {
            "yes": rows.filter(condition).count(),
            "no": rows.exclude(condition).count(),
        }
    return counts


def test_the_snapshot_finds_counts_and_orders_as_the_filter_does(problems):
    for data in _filters(random.Random(11)):
        filterset = ProblemFilter(data)
        assert filterset.is_valid(), filterset.errors
        query = FieldQuery.of(filterset)
        expected = list(filterset.qs.values_list("pk", flat=True))
        assert query.snapshot.ids(query.ordered()) == expected, data
        counts = query.facet_counts()
        counts["kind"].pop("", None)
        counts["region"].pop("", None)
        assert counts == _sql_counts(data), data


def test_a_page_loads_only_its_own_problems_in_order(problems, django_assert_max_num_queries):
    filterset = ProblemFilter({"sort": "supported"})
    filterset.is_valid()
    source = FieldQuery.of(filterset).page_source()
    with django_assert_max_num_queries(1):
        page = source[5:10]
    assert [p.pk for p in page] == list(filterset.qs.values_list("pk", flat=True)[5:10])
    assert len(source) == filterset.qs.count()


def test_analytics_figures_agree_with_sql(problems):
    filterset = ProblemFilter({"level": [ProblemLevel.FEDERAL, ProblemLevel.REGIONAL]})
    filterset.is_valid()
    figures = analytics.figures(FieldQuery.of(filterset))
    rows = filterset.qs.order_by()
    assert figures["total"] == rows.count()
    assert figures["answered"] == rows.filter(status__in=ANSWERED_STATUSES).count()
    assert figures["solved"] == rows.filter(status=S.SOLVED).count()
    assert figures["backlog"] == rows.filter(status__in=AWAITING_ANSWER).count()
    durations = sorted(
        (p.answered_at - p.published_at).total_seconds() / 86400
        for p in rows.exclude(answered_at=None)
    )
    middle = len(durations) // 2
    median = (
        durations[middle] if len(durations) % 2 else (durations[middle - 1] + durations[middle]) / 2
    )
    assert figures["median_answer_days"] == round(median, 1)
    within = rows.exclude(answered_at=None).filter(answered_at__lte=F("due_at")).count()
    assert figures["within_sla"] == within
    top = list(rows.order_by("-supports_count", "-pk").values_list("pk", flat=True)[:10])
    assert [p.pk for p in figures["top_supported"]] == top
    by_status = dict(rows.values_list("status").annotate(n=Count("pk")))
    assert dict(figures["by_status"]) == {S(k).label: n for k, n in by_status.items()}


def test_a_saved_problem_shows_at_once_in_development(client, problems):
    first = client.get("/dialog/", {"q": "новая"}).context["page_obj"].paginator.count
    problem_in(S.REVIEW, title="Совсем новая проблема")
    assert client.get("/dialog/", {"q": "новая"}).context["page_obj"].paginator.count == first + 1


def test_ids_unknown_to_the_snapshot_are_skipped(problems):
    public = Problem.objects.public().values_list("pk", flat=True)[0]
    snapshot = field_index.current()
    mask = snapshot.of_ids([public, 10**9])
    assert snapshot.ids(snapshot.positions(mask)) == [public]
    assert column_index.Snapshot.combined([None, mask], len(snapshot)).sum() == 1


def test_chart_coordinates_are_whole_numbers_in_the_page(client, problems):
    html = client.get("/dialog/analytics/").content.decode()
    start = html.index("<svg")
    svg = html[html.index(">", start) : html.index("</svg>")]  # the shapes, not the frame
    coordinates = re.findall(r'\b(?:x|y|width|height)="([^"]*)"', svg)
    assert coordinates and all(value.isdigit() for value in coordinates), coordinates[:10]

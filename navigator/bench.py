"""Benchmark data of the navigator: 10,000 support measures at scale 1.

Measures are written with bulk inserts in batches, each batch in its own transaction, and get
numbered source ids and slugs (`bench-0000042`); their count tells where to resume, so a second
run only adds what is missing. Dates spread over a year around today, so every status occurs.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bench.distinct import MIN_DISTINCT, family
from navigator.models import (
    MeasureKind,
    MeasureLevel,
    Organisation,
    Recurrence,
    SupportMeasure,
)
from portal.models import Sphere
from portal.municipalities.models import MunicipalityType, Region

MEASURES_AT_SCALE_1 = 10_000
BATCH_SIZE = 2_000
PREFIX = "bench-"
ORGANISERS = 30
# The measure page `make bench` loads: the first bench measure always exists.
MEASURE_PATH = f"/navigator/measures/{PREFIX}0000001/"

# (name, path, needs_login) of the pages `make bench` loads.
BENCH_URLS = [
    ("navigator: measure page", MEASURE_PATH, False),
    ("navigator: for me", "/navigator/for-me/", True),
    ("navigator: list, guest, no filter", "/navigator/", False),
    ("navigator: list, three facets", "/navigator/?kind=grant&level=regional&status=open", False),
    # q=ремонт, percent-encoded: the load tool sends the path as ASCII.
    ("navigator: list, text search", "/navigator/?q=%D1%80%D0%B5%D0%BC%D0%BE%D0%BD%D1%82", False),
]
# Issue 4: ratios to the trivial view at scale 1.
BENCH_TARGETS = {
    "navigator: measure page": 0.10,
    "navigator: for me": 0.05,
    "navigator: list, guest, no filter": 0.30,
    "navigator: list, three facets": 0.05,
    "navigator: list, text search": 0.05,
}

SUBJECTS = [
    "благоустройство общественных пространств", "ремонт дворовых территорий",
    "модернизацию водоснабжения", "ремонт школ", "поддержку домов культуры",
    "ремонт дорог местного значения", "обновление автобусов", "ликвидацию свалок",
    "развитие туризма", "поддержку инициативных проектов", "пожарную безопасность сёл",
    "обучение муниципальных служащих", "цифровые сервисы для жителей", "поддержку семей",
]  # fmt: skip
KIND_WORDS = {
    MeasureKind.SUBSIDY: "Субсидия на",
    MeasureKind.GRANT: "Грант на",
    MeasureKind.CONTEST: "Конкурс проектов на",
    MeasureKind.BUDGET_LOAN: "Бюджетный кредит на",
    MeasureKind.CONSULTING: "Консультации на",
    MeasureKind.TRAINING: "Обучение на",
}


def bench_measures():
    return SupportMeasure.objects.filter(source_id__startswith=PREFIX)


def _organisers():
    return [
        Organisation.objects.get_or_create(
            name=f"Бенчмарк: организатор {number:02d}", defaults={"live": True}
        )[0]
        for number in range(1, ORGANISERS + 1)
    ]


def _measure(number, rng, organisers, today):
    kind = rng.choice(list(KIND_WORDS))
    title = f"{KIND_WORDS[kind]} {rng.choice(SUBJECTS)} № {number}"
    closes_on = today + timedelta(days=rng.randint(-200, 200))
    types = rng.sample(list(MunicipalityType.values), rng.choice([0, 0, 2, 3]))
    amount = rng.choice([None, rng.randint(1, 500) * 100_000])
    return SupportMeasure(
        title=title,
        slug=f"{PREFIX}{number:07d}",
        summary=f"Тестовая мера для нагрузочного теста: {title.lower()}.",
        description="<p>Описание меры для нагрузочного теста.</p>",
        kind=kind,
        level=rng.choice(MeasureLevel.values),
        organiser=rng.choice(organisers),
        municipality_types=types,
        population_max=rng.choice([None, None, 50_000, 300_000]),
        amount_min=amount // 10 if amount else None,
        amount_max=amount,
        cofinancing_min=rng.choice([None, 0, 5, 10, 20]),
        cofinancing_max=rng.choice([None, 30]),
        is_competitive=rng.random() < 0.5,
        opens_on=closes_on - timedelta(days=rng.randint(20, 90)),
        closes_on=closes_on,
        recurrence=Recurrence.ANNUAL,
        other_conditions=rng.choice(["", "", "Есть утверждённая муниципальная программа."]),
        source_id=f"{PREFIX}{number:07d}",
        live=True,
        first_published_at=timezone.now() - timedelta(days=rng.randint(0, 365)),
        last_published_at=timezone.now(),
    )


def _write_batch(numbers, rng, organisers, sphere_ids, region_ids):
    today = timezone.localdate()
    with transaction.atomic():
        measures = SupportMeasure.objects.bulk_create(
            [_measure(number, rng, organisers, today) for number in numbers]
        )
        spheres = SupportMeasure.spheres.through
        regions = SupportMeasure.regions.through
        spheres.objects.bulk_create(
            spheres(supportmeasure_id=m.pk, sphere_id=pk)
            for m in measures
            for pk in rng.sample(sphere_ids, 2)
        )
        regions.objects.bulk_create(
            regions(supportmeasure_id=m.pk, region_id=rng.choice(region_ids))
            for m in measures
            if rng.random() < 0.4
        )


def generate(scale, stdout):
    target = round(MEASURES_AT_SCALE_1 * scale)
    existing = bench_measures().count()
    if existing >= target:
        stdout.write(f"navigator: {existing} bench measures already there (needed {target}).")
        return
    rng = random.Random(existing)
    organisers = _organisers()
    sphere_ids = list(Sphere.objects.values_list("pk", flat=True))
    region_ids = list(Region.objects.values_list("pk", flat=True))
    for start in range(existing + 1, target + 1, BATCH_SIZE):
        numbers = range(start, min(start + BATCH_SIZE, target + 1))
        _write_batch(numbers, rng, organisers, sphere_ids, region_ids)
        stdout.write(f"navigator: {numbers[-1]} of {target} bench measures")


def _facet_combinations(rng, count):
    """Different filters a user could set: two to four facets, some with a region or sphere."""
    kinds, levels, statuses = (
        MeasureKind.values,
        MeasureLevel.values,
        ["upcoming", "open", "closed"],
    )
    spheres = list(Sphere.objects.values_list("slug", flat=True))
    regions = list(Region.objects.values_list("code", flat=True))
    choices = [
        lambda: f"kind={rng.choice(kinds)}",
        lambda: f"level={rng.choice(levels)}",
        lambda: f"status={rng.choice(statuses)}",
        lambda: f"sphere={rng.choice(spheres)}",
        lambda: f"region={rng.choice(regions)}",
        lambda: f"municipality_type={rng.choice(MunicipalityType.values)}",
    ]
    combinations = set()
    while len(combinations) < count:
        picked = rng.sample(choices, rng.randint(2, 4))
        combinations.add("&".join(sorted(make() for make in picked)))
    return sorted(combinations)


def bench_families():
    """Distinct mode (issue 10): different facet combinations and different measure pages."""
    rng = random.Random(5)
    total = bench_measures().count()
    numbers = rng.sample(range(1, total + 1), min(MIN_DISTINCT, total))
    return [
        family(
            "navigator: list, distinct facet combinations",
            [f"/navigator/?{query}" for query in _facet_combinations(rng, MIN_DISTINCT)],
        ),
        family(
            "navigator: measure page, distinct measures",
            [f"/navigator/measures/{PREFIX}{number:07d}/" for number in numbers],
        ),
    ]


BENCH_FAMILIES = bench_families
BENCH_DISTINCT_TARGETS = {
    "navigator: list, distinct facet combinations": 0.05,
    "navigator: measure page, distinct measures": 0.10,
}
BENCH_FIRST_TIME_MS = {"navigator: list, distinct facet combinations": 150}

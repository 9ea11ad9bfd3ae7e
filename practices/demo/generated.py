"""Demo practices composed from the hand-written themes: four tellings of each theme in
different municipalities, regions, years and figures. Matched by slug, so re-running adds nothing.
"""

from datetime import timedelta

from django.utils import timezone

from portal.models import Sphere
from portal.municipalities.models import Municipality
from practices.demo.themes import FUNDING, OPENINGS, THEMES
from practices.models import Practice

VARIANTS = 4
NOTE = "Демонстрационная запись: муниципалитет настоящий, практика и цифры придуманы для показа."


def _slug(theme_number, variant):
    return f"demo-{theme_number:02d}-{variant}"


def _municipalities(count):
    """`count` municipalities spread over regions: every n-th of the list ordered by region."""
    ids = list(Municipality.objects.order_by("region_id", "pk").values_list("pk", flat=True))
    if not ids:
        return []
    step = max(1, len(ids) // count)
    chosen = [ids[(n * step + n // 7) % len(ids)] for n in range(count)]
    found = Municipality.objects.in_bulk(chosen)
    return [found[pk] for pk in chosen]


def _text(theme, variant, scale):
    before, after = round(theme.before * scale), round(theme.after * scale)
    steps = "\n".join(f"{n}. {step[0].upper()}{step[1:]}." for n, step in enumerate(theme.steps, 1))
    results = (
        f"{theme.indicator}: было {before} {theme.unit}, стало {after} {theme.unit} "
        f"(цель — {round(after * 1.1)}).\n\n{NOTE}"
    )
    return {
        "problem": f"{OPENINGS[variant % len(OPENINGS)]} {theme.problem}",
        "solution": theme.solution,
        "steps": steps,
        "results": results,
        "lessons": theme.lesson,
        "key_result": f"{theme.indicator}: {before} → {after} {theme.unit}"[:200],
    }


def seed(stdout):
    wanted = {_slug(t, v): (theme, v) for t, theme in enumerate(THEMES) for v in range(VARIANTS)}
    existing = set(Practice.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    municipalities = _municipalities(len(wanted))
    spheres = {sphere.slug: sphere for sphere in Sphere.objects.all()}
    created = 0
    for number, (slug, (theme, variant)) in enumerate(wanted.items()):
        if slug in existing or not municipalities:
            continue
        scale = 1 + variant * 0.35
        regional = 50 + 10 * variant
        practice = Practice.objects.create(
            title=f"{theme.title}: опыт {municipalities[number].name}"[:300],
            slug=slug,
            municipality=municipalities[number],
            budget=int(800_000 * scale * (1 + number % 5)),
            funding_sources=FUNDING[number % len(FUNDING)].format(
                local=100 - regional, regional=regional
            ),
            started_year=2018 + (number % 7),
            contact_name="Демонстрационный контакт",
            contact_position="специалист администрации",
            contact_email=f"{slug}@example.ru",
            live=True,
            first_published_at=timezone.now() - timedelta(days=2 * number + 5),
            last_published_at=timezone.now(),
            **_text(theme, variant, scale),
        )
        practice.spheres.set([spheres[theme.sphere]] if theme.sphere in spheres else [])
        practice.save()
        created += 1
    stdout.write(f"  практики из тем: создано {created}, всего {len(wanted)}")

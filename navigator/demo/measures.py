"""Demo measures generated from the building blocks in `catalogue`, dated relative to today."""

import random
from datetime import timedelta

from django.utils import timezone
from wagtail.search.backends import get_search_backend

from navigator.demo import catalogue
from navigator.models import Organisation, Programme, SupportMeasure
from portal.models import Sphere
from portal.municipalities.models import Municipality, Region
from portal.text import latin_slug

DEMO_NOTE = (
    "<p><em>Демонстрационная запись портала «Муниципалитеты.рф»: организатор и программа "
    "настоящие, а суммы, сроки и условия придуманы для показа возможностей навигатора.</em></p>"
)
SEED = 2026


def seed_organisations():
    organisations = {}
    for key, name, short_name in catalogue.FEDERAL_ORGANISERS:
        organisations[key], _ = Organisation.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "live": True}
        )
    for region in Region.objects.filter(code__in=catalogue.DEMO_REGION_CODES):
        for key, ministry in catalogue.REGIONAL_MINISTRIES.items():
            organisations[(key, region.code)], _ = Organisation.objects.get_or_create(
                name=f"{ministry} ({region.name})",
                defaults={
                    "short_name": f"{ministry} — {region.name}",
                    "region": region,
                    "live": True,
                },
            )
    return organisations


def seed_programmes():
    programmes = {}
    for key, kind, name in catalogue.PROGRAMMES:
        programmes[key], _ = Programme.objects.get_or_create(
            name=name, defaults={"kind": kind, "live": True}
        )
    return programmes


class Calendar:
    """Open, closing-soon, upcoming and closed windows in realistic proportions."""

    def __init__(self, rng):
        self.rng = rng
        self.today = timezone.localdate()

    def window(self, recurrence):
        if recurrence == "permanent":
            return None, None
        roll, days = self.rng.random(), self.rng.randint
        if roll < 0.15:  # closing within two weeks
            closes = self.today + timedelta(days=days(0, 13))
        elif roll < 0.60:  # open
            closes = self.today + timedelta(days=days(15, 150))
        elif roll < 0.75:  # not open yet
            opens = self.today + timedelta(days=days(3, 60))
            return opens, opens + timedelta(days=days(30, 75))
        else:  # closed
            closes = self.today - timedelta(days=days(3, 240))
        return closes - timedelta(days=days(30, 90)), closes


def _amount(template_amount, rng):
    if template_amount is None:
        return None, None
    low, high = template_amount
    top = rng.randrange(max(low, high // 2), high + 1, max(1, (high - low) // 10 or 1))
    return low * 1000, top * 1000


def build_measure(template, organiser, programme, rng, calendar, *, suffix, source_id):
    (key, kind, _org, _prog, _spheres, title, summary, funded, amount, cofinancing, types,
     population, conditions, competitive, recurrence, documents, steps) = template  # fmt: skip
    opens_on, closes_on = calendar.window(recurrence)
    amount_min, amount_max = _amount(amount, rng)
    cofin_min, cofin_max = cofinancing or (None, None)
    full_title = f"{title}{suffix}"
    return SupportMeasure(
        title=full_title,
        slug=f"{latin_slug(full_title, 70)}-{source_id.rsplit('-', 1)[-1]}",
        summary=summary,
        description=f"<p>{summary}</p>{DEMO_NOTE}",
        kind=kind,
        level="regional" if organiser.region_id else "federal",
        organiser=organiser,
        programme=programme,
        municipality_types=list(types),
        population_min=population[0],
        population_max=population[1],
        other_conditions=conditions,
        funded_items=funded,
        amount_min=amount_min,
        amount_max=amount_max,
        cofinancing_min=cofin_min,
        cofinancing_max=cofin_max,
        is_competitive=competitive,
        opens_on=opens_on,
        pre_application_on=opens_on + timedelta(days=14) if opens_on and competitive else None,
        closes_on=closes_on,
        recurrence=recurrence,
        required_documents=documents,
        how_to_apply=steps,
        contacts="Отдел по работе с муниципальными образованиями: +7 (495) 000-00-00, "
        "support@example.ru (демо)",
        application_url=f"https://example.ru/apply/{key}",
        source_id=source_id,
        source_url=f"https://example.ru/measures/{key}",
        verified_on=calendar.today - timedelta(days=rng.randint(1, 60)),
        live=True,
        has_unpublished_changes=False,
        first_published_at=timezone.now() - timedelta(days=rng.randint(1, 120)),
        last_published_at=timezone.now(),
    )


def planned_measures(organisations, programmes):
    """(measure, sphere slugs, region, municipality ids) for every demo measure."""
    rng = random.Random(SEED)
    calendar = Calendar(rng)
    for template in catalogue.FEDERAL_TEMPLATES:
        for wave, suffix in enumerate(catalogue.FEDERAL_WAVES):
            if wave and template[14] == "permanent":
                continue
            source_id = f"demo-{template[0]}-{wave}"
            measure = build_measure(
                template, organisations[template[2]], programmes.get(template[3]), rng,
                calendar, suffix=suffix, source_id=source_id,
            )  # fmt: skip
            yield measure, template[4], None
    regions = Region.objects.filter(code__in=catalogue.DEMO_REGION_CODES).order_by("code")
    for region in regions:
        for template in catalogue.REGIONAL_TEMPLATES:
            organiser = organisations[(template[2], region.code)]
            source_id = f"demo-{template[0]}-{region.code}"
            measure = build_measure(
                template, organiser, None, rng, calendar, suffix="", source_id=source_id
            )
            yield measure, template[4], region


def seed_measures(stdout):
    organisations, programmes = seed_organisations(), seed_programmes()
    existing = set(
        SupportMeasure.objects.filter(source_id__startswith="demo-").values_list(
            "source_id", flat=True
        )
    )
    planned = list(planned_measures(organisations, programmes))
    new = [row for row in planned if row[0].source_id not in existing]
    created = SupportMeasure.objects.bulk_create([measure for measure, _, _ in new])
    _link(new)
    # bulk_create skips the signals that feed the admin search index.
    get_search_backend().add_bulk(SupportMeasure, created)
    _attach_monotowns()
    stdout.write(f"  меры поддержки: создано {len(new)}, уже было {len(planned) - len(new)}")


def _link(rows):
    spheres = {sphere.slug: sphere.pk for sphere in Sphere.objects.all()}
    sphere_links, region_links = [], []
    for measure, slugs, region in rows:
        sphere_links += [
            SupportMeasure.spheres.through(supportmeasure_id=measure.pk, sphere_id=spheres[slug])
            for slug in slugs
            if slug in spheres
        ]
        if region is not None:
            region_links.append(
                SupportMeasure.regions.through(supportmeasure_id=measure.pk, region_id=region.pk)
            )
    SupportMeasure.spheres.through.objects.bulk_create(sphere_links, ignore_conflicts=True)
    SupportMeasure.regions.through.objects.bulk_create(region_links, ignore_conflicts=True)


def _attach_monotowns():
    """The monotown subsidy applies to a few named towns of its region, not to all of them."""
    through = SupportMeasure.municipalities.through
    for measure in SupportMeasure.objects.filter(source_id__startswith="demo-r-monotown-"):
        if through.objects.filter(supportmeasure_id=measure.pk).exists():
            continue
        region = measure.organiser.region
        towns = Municipality.objects.filter(region=region, kind="urban_okrug").order_by(
            "-population"
        )
        through.objects.bulk_create(
            [through(supportmeasure_id=measure.pk, municipality_id=town.pk) for town in towns[:3]]
        )

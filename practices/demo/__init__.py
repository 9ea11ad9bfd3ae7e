"""Demo practices: `seed(stdout)` is called by `manage.py seed_demo`.

Runs after the legal and navigator demos (settings.PORTAL_APPS order), so the acts and measures
the practices link to exist. Idempotent: a practice is matched by its slug, so a second run only
adds what is missing.
"""

from datetime import timedelta

from django.utils import timezone

from legal_vector.models import Document
from navigator.models import SupportMeasure
from portal.models import Sphere
from portal.municipalities.models import Municipality
from practices.demo import (
    community,
    contest,
    data_city,
    data_governance,
    data_social,
    generated,
    results,
)
from practices.models import Practice

DEMO_NOTE = (
    "Демонстрационная запись портала: муниципалитет настоящий, а описание практики, цифры "
    "и контакты придуманы для показа возможностей сервиса."
)
ALL = [*data_city.PRACTICES, *data_social.PRACTICES, *data_governance.PRACTICES]


def seed(stdout):
    existing = set(
        Practice.objects.filter(slug__in=[d.slug for d in ALL]).values_list("slug", flat=True)
    )
    municipalities = Municipality.objects.select_related("region").in_bulk(
        [d.oktmo for d in ALL], field_name="oktmo"
    )
    created = 0
    for number, demo in enumerate(ALL):
        municipality = municipalities.get(demo.oktmo)
        if demo.slug in existing or municipality is None:
            continue
        _create(demo, municipality, number)
        created += 1
    stdout.write(f"  практики: создано {created}, всего демо-практик {len(ALL)}")
    results.seed(stdout)
    generated.seed(stdout)
    community.seed(stdout)
    contest.seed(stdout)


def _create(demo, municipality, number):
    practice = Practice.objects.create(
        title=demo.title,
        slug=demo.slug,
        municipality=municipality,
        key_result=demo.key_result,
        problem=demo.problem,
        solution=demo.solution,
        results=f"{demo.results}\n\n{DEMO_NOTE}",
        budget=demo.budget,
        funding_sources=demo.funding,
        started_year=demo.year,
        contact_name=demo.contact[0],
        contact_position=demo.contact[1],
        contact_email=f"{demo.slug[:40]}@example.ru",
        contact_phone=f"+7 (900) 000-{number // 100:02d}-{number % 100:02d}",
        live=True,
        # Spread over the last months so «сначала новые» has something to sort.
        first_published_at=timezone.now() - timedelta(days=3 * number + 1),
        last_published_at=timezone.now(),
    )
    practice.spheres.set(Sphere.objects.filter(slug__in=demo.spheres))
    practice.support_measures.set(_measures(demo.measures, municipality.region.code))
    practice.legal_documents.set(Document.objects.filter(title__in=demo.documents))
    practice.save()


def _measures(keys, region_code):
    """Federal measures: the first wave; regional ones only for the practice's own region."""
    measures = []
    for key in keys:
        if key.startswith("r-"):
            found = SupportMeasure.objects.filter(source_id=f"demo-{key}-{region_code}")
        else:
            found = SupportMeasure.objects.filter(source_id__startswith=f"demo-{key}-")
        measure = found.order_by("pk").first()
        if measure is not None:
            measures.append(measure)
    return measures

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.models import Sphere
from practices.models import Practice, PracticeStatus
from tests.factories import MunicipalityFactory, RegionFactory
from tests.legal_vector.factories import DocumentFactory
from tests.navigator.factories import SupportMeasureFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_only_live_practices_are_published_and_the_status_follows_publishing():
    public = PracticeFactory()
    draft = PracticeFactory(live=False)
    assert public.status == PracticeStatus.PUBLISHED
    assert draft.status == PracticeStatus.DRAFT
    assert list(Practice.objects.published()) == [public]

    public.live = False
    public.save(update_fields=["live"])
    public.refresh_from_db()
    assert public.status == PracticeStatus.DRAFT


def test_a_slug_is_made_from_the_russian_title_and_kept_unique():
    first = PracticeFactory(title="Народный бюджет в селе")
    second = PracticeFactory(title="Народный бюджет в селе")
    assert first.slug == "narodnyj-byudzhet-v-sele"
    assert second.slug == "narodnyj-byudzhet-v-sele-2"


def test_a_direction_includes_its_sub_spheres(direction):
    heating = Sphere.objects.get(slug="zhkh-3")
    roads = Sphere.objects.get(slug="roads-1")
    in_sub_sphere = PracticeFactory(spheres=[heating])
    in_direction = PracticeFactory(spheres=[direction])
    PracticeFactory(spheres=[roads])

    found = set(Practice.objects.in_sphere([direction]))
    assert found == {in_sub_sphere, in_direction}
    assert list(Practice.objects.in_sphere([heating])) == [in_sub_sphere]


def test_a_practice_in_two_matching_spheres_is_listed_once(direction):
    both = PracticeFactory(spheres=[direction, Sphere.objects.get(slug="zhkh-1")])
    assert list(Practice.objects.in_sphere([direction])) == [both]


def test_the_region_comes_from_the_municipality():
    region = RegionFactory(code="37")
    here = PracticeFactory(municipality=MunicipalityFactory(region=region))
    PracticeFactory(municipality=MunicipalityFactory(region=RegionFactory(code="38")))
    assert list(Practice.objects.for_region(region)) == [here]
    assert here.region == region


def test_budget_bounds_are_inclusive_and_unknown_budgets_fall_out_of_a_range():
    cheap = PracticeFactory(budget=500_000)
    dear = PracticeFactory(budget=5_000_000)
    PracticeFactory(budget=None)
    assert set(Practice.objects.with_budget(maximum=500_000)) == {cheap}
    assert set(Practice.objects.with_budget(minimum=500_000, maximum=5_000_000)) == {cheap, dear}
    assert Practice.objects.with_budget().count() == 3


def test_related_to_a_measure_puts_practices_naming_it_first_then_spheres_then_region():
    yards = Sphere.objects.get(slug="urban-2")
    spaces = Sphere.objects.get(slug="urban-1")
    region = RegionFactory(code="44")
    measure = SupportMeasureFactory(spheres=[yards], regions=[region])
    local = MunicipalityFactory(region=region)

    named = PracticeFactory(
        spheres=[Sphere.objects.get(slug="roads-1")],
        support_measures=[measure],
        first_published_at=days_ago(30),
    )
    same_sphere_elsewhere = PracticeFactory(spheres=[yards], first_published_at=days_ago(1))
    same_sphere_here = PracticeFactory(
        spheres=[yards], municipality=local, first_published_at=days_ago(20)
    )
    same_direction = PracticeFactory(spheres=[spaces], municipality=local)
    PracticeFactory(spheres=[Sphere.objects.get(slug="health-1")])  # unrelated
    PracticeFactory(spheres=[yards], live=False)  # a draft

    related = list(Practice.objects.related_to_measure(measure))
    assert related == [named, same_sphere_here, same_sphere_elsewhere, same_direction]


def test_related_to_a_measure_is_one_query_and_a_fixed_number(django_assert_num_queries):
    yards = Sphere.objects.get(slug="urban-2")
    measure = SupportMeasureFactory(spheres=[yards])
    for _ in range(6):
        PracticeFactory(spheres=[yards])
    with django_assert_num_queries(1):
        related = list(Practice.objects.related_to_measure(measure))
        assert [str(p.municipality.region) for p in related]
    assert len(related) == 4


def test_a_measure_without_spheres_still_finds_the_practices_that_name_it():
    measure = SupportMeasureFactory()
    named = PracticeFactory(support_measures=[measure])
    PracticeFactory(spheres=[Sphere.objects.get(slug="urban-2")])
    assert list(Practice.objects.related_to_measure(measure)) == [named]


def test_related_to_a_document_lists_published_practices_that_cite_it_newest_first():
    document = DocumentFactory()
    older = PracticeFactory(legal_documents=[document], first_published_at=days_ago(10))
    newer = PracticeFactory(legal_documents=[document], first_published_at=days_ago(1))
    PracticeFactory(legal_documents=[document], live=False)
    PracticeFactory()
    assert list(Practice.objects.related_to_document(document)) == [newer, older]


def test_workflow_events_set_the_status_of_a_practice_that_is_not_public():
    draft = PracticeFactory(live=False)
    draft.mark_reviewed(PracticeStatus.ON_REVIEW)
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.ON_REVIEW

    public = PracticeFactory()
    public.mark_reviewed(PracticeStatus.ON_REVIEW)  # changes to it are reviewed; it stays up
    public.refresh_from_db()
    assert public.status == PracticeStatus.PUBLISHED

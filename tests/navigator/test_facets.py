"""Facet counts of organiser, programme and region: counted like the other facets."""

import pytest
from django.http import QueryDict

from navigator.facets import TOP_OPTIONS, Facets
from navigator.filters import MeasureFilter
from navigator.models import MeasureKind
from portal.municipalities.models import MunicipalityType, Region
from tests.factories import RegionFactory
from tests.navigator.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    SupportMeasureFactory,
)

pytestmark = pytest.mark.django_db


def facets(query=""):
    return Facets(MeasureFilter.for_query(QueryDict(query))).as_dict()


def counts(options):
    return {option.value: option.count for option in options}


def test_organiser_counts_follow_the_other_facets_but_not_their_own():
    ministry, fund = OrganisationFactory(), OrganisationFactory()
    SupportMeasureFactory.create_batch(2, organiser=ministry, kind=MeasureKind.GRANT)
    SupportMeasureFactory(organiser=ministry, kind=MeasureKind.SUBSIDY)
    SupportMeasureFactory(organiser=fund, kind=MeasureKind.SUBSIDY)
    assert counts(facets("kind=grant")["organiser"].shown) == {ministry.slug: 2}
    chosen = facets(f"organiser={fund.slug}")["organiser"].shown
    assert counts(chosen) == {ministry.slug: 3, fund.slug: 1}
    assert [option.selected for option in chosen] == [False, True]


def test_the_organiser_shows_its_short_name():
    ministry = OrganisationFactory(name="Министерство строительства", short_name="Минстрой")
    SupportMeasureFactory(organiser=ministry)
    assert [option.label for option in facets()["organiser"].shown] == ["Минстрой"]


def test_a_selected_organiser_stays_visible_with_zero():
    idle = OrganisationFactory(name="Фонд без мер")
    SupportMeasureFactory()
    options = facets(f"organiser={idle.slug}")["organiser"].shown
    assert (idle.slug, 0, True) in [(o.value, o.count, o.selected) for o in options]


def test_unpublished_organisers_are_not_offered():
    draft = OrganisationFactory(live=False)
    SupportMeasureFactory(organiser=draft)
    assert facets()["organiser"].shown == []


def test_only_the_most_frequent_organisers_are_shown_the_rest_wait_under_more():
    organisers = OrganisationFactory.create_batch(TOP_OPTIONS + 2)
    for number, organiser in enumerate(organisers, start=1):
        SupportMeasureFactory.create_batch(number, organiser=organiser)
    rarest = organisers[0]
    top = facets()["organiser"]
    assert [o.count for o in top.shown] == list(range(TOP_OPTIONS + 2, 2, -1))
    assert [o.count for o in top.more] == [2, 1]
    chosen = facets(f"organiser={rarest.slug}")["organiser"]
    assert chosen.shown[-1].value == rarest.slug and chosen.shown[-1].selected
    assert [o.count for o in chosen.more] == [2]


def test_programme_counts_skip_measures_without_a_programme():
    project, other = ProgrammeFactory(), ProgrammeFactory()
    SupportMeasureFactory.create_batch(2, programme=project)
    SupportMeasureFactory(programme=other, kind=MeasureKind.GRANT)
    SupportMeasureFactory()
    assert counts(facets()["programme"].shown) == {project.slug: 2, other.slug: 1}
    assert counts(facets("kind=grant")["programme"].shown) == {other.slug: 1}


def test_region_counts_include_measures_for_the_whole_country():
    north, south = RegionFactory(code="33"), RegionFactory(code="34")
    SupportMeasureFactory.create_batch(2)
    SupportMeasureFactory(regions=[north])
    SupportMeasureFactory(regions=[north, south], kind=MeasureKind.GRANT)
    region_counts = counts(facets()["region"])
    assert region_counts["33"] == 4
    assert region_counts["34"] == 3
    assert region_counts["01"] == 2
    assert len(region_counts) == Region.objects.count()
    # A region where the filter finds nothing is not offered (issue 10: no zero options).
    assert "01" not in counts(facets("kind=grant")["region"])


def test_each_region_count_is_what_the_filter_would_show():
    north, south = RegionFactory(code="33"), RegionFactory(code="34")
    SupportMeasureFactory(kind=MeasureKind.GRANT)
    SupportMeasureFactory(regions=[north], kind=MeasureKind.GRANT)
    SupportMeasureFactory(regions=[north, south])
    SupportMeasureFactory(regions=[south], kind=MeasureKind.GRANT)
    for option in facets("kind=grant&region=34")["region"]:
        shown = MeasureFilter.for_query(QueryDict(f"kind=grant&region={option.value}")).qs
        assert option.count == shown.count(), option.label
    assert [o.value for o in facets("region=34")["region"] if o.selected] == ["34"]


def test_the_other_facets_count_within_the_chosen_region():
    north = RegionFactory(code="33")
    SupportMeasureFactory(kind=MeasureKind.GRANT)
    SupportMeasureFactory(regions=[north], kind=MeasureKind.GRANT)
    SupportMeasureFactory(regions=[RegionFactory(code="34")], kind=MeasureKind.GRANT)
    assert counts(facets("region=33")["kind"]) == {"grant": 2}


def test_the_facets_run_the_same_queries_however_many_measures(
    django_assert_max_num_queries, django_assert_num_queries
):
    query = "kind=grant&organiser=x&region=33"

    def add_measures(count):
        for _ in range(count):
            SupportMeasureFactory(
                kind=MeasureKind.GRANT,
                programme=ProgrammeFactory(),
                regions=[RegionFactory()],
            )

    add_measures(2)
    filterset = MeasureFilter.for_query(QueryDict(query))
    filterset.form.is_valid()
    # One count per facet (two for spheres) and the option rows of four facets.
    with django_assert_max_num_queries(14) as few:
        Facets(filterset).as_dict()
    add_measures(25)
    filterset = MeasureFilter.for_query(QueryDict(query))
    filterset.form.is_valid()
    with django_assert_num_queries(len(few.captured_queries)):
        Facets(filterset).as_dict()


def test_a_national_project_counts_the_measures_of_its_projects_as_the_filter_finds_them():
    national = ProgrammeFactory()
    federal = ProgrammeFactory(parent=national)
    SupportMeasureFactory(programme=national)
    SupportMeasureFactory.create_batch(2, programme=federal)
    SupportMeasureFactory(programme=ProgrammeFactory(parent=federal))
    programmes = counts(facets()["programme"].shown)
    assert programmes[national.slug] == 4 and programmes[federal.slug] == 3
    found = MeasureFilter.for_query(QueryDict(f"programme={national.slug}")).qs.count()
    assert found == programmes[national.slug]


def test_municipality_types_are_counted_with_the_measures_open_to_any_type():
    SupportMeasureFactory(kind=MeasureKind.GRANT)
    SupportMeasureFactory(municipality_types=[MunicipalityType.RURAL_SETTLEMENT])
    SupportMeasureFactory(
        municipality_types=[MunicipalityType.RURAL_SETTLEMENT, MunicipalityType.URBAN_OKRUG]
    )
    kinds = counts(facets()["municipality_type"])
    assert kinds[MunicipalityType.RURAL_SETTLEMENT] == 3
    assert kinds[MunicipalityType.URBAN_OKRUG] == 2
    assert kinds[MunicipalityType.MUNICIPAL_DISTRICT] == 1
    # Counted under the other facets, not its own.
    chosen = counts(facets("kind=grant&municipality_type=urban_okrug")["municipality_type"])
    assert chosen[MunicipalityType.RURAL_SETTLEMENT] == 1

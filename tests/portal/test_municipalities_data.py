"""The reference data shipped by the data migration."""

from collections import Counter

import pytest

from portal.municipalities.models import Municipality, MunicipalityType, Region

pytestmark = pytest.mark.django_db


def test_all_89_subjects_of_the_federation_are_shipped_with_unique_two_digit_codes():
    codes = list(Region.objects.values_list("code", flat=True))
    assert len(codes) == 89
    assert all(len(code) == 2 and code.isdigit() for code in codes)
    assert {"77", "78", "92", "91", "90", "93", "94", "95"} <= set(codes)


def test_several_hundred_municipalities_of_every_type_across_many_regions_are_shipped():
    kinds = Counter(Municipality.objects.values_list("kind", flat=True))
    assert sum(kinds.values()) >= 400
    assert set(kinds) == set(MunicipalityType.values)
    assert Municipality.objects.values("region").distinct().count() >= 30


def test_shipped_oktmo_codes_have_eight_digits_and_start_with_the_region_prefix():
    for oktmo, prefix in Municipality.objects.values_list("oktmo", "region__okato_prefix"):
        assert len(oktmo) == 8 and oktmo.isdigit()
        assert oktmo.startswith(prefix)


def test_settlements_and_intracity_districts_sit_inside_their_parents():
    expected_parent = {
        MunicipalityType.URBAN_SETTLEMENT: MunicipalityType.MUNICIPAL_DISTRICT,
        MunicipalityType.RURAL_SETTLEMENT: MunicipalityType.MUNICIPAL_DISTRICT,
        MunicipalityType.INTRACITY_DISTRICT: MunicipalityType.URBAN_OKRUG_DIVIDED,
    }
    for municipality in Municipality.objects.select_related("parent"):
        wanted = expected_parent.get(municipality.kind)
        assert (municipality.parent.kind if municipality.parent else None) == wanted
        if municipality.parent:
            assert municipality.parent.region_id == municipality.region_id


def test_intracity_territories_belong_to_the_three_federal_cities():
    regions = set(
        Municipality.objects.filter(kind=MunicipalityType.INTRACITY_TERRITORY).values_list(
            "region__name", flat=True
        )
    )
    assert regions == {"Москва", "Санкт-Петербург", "Севастополь"}


def test_shipped_lineage_lists_every_ancestor_from_the_top_down():
    for municipality in Municipality.objects.select_related("parent"):
        if municipality.parent:
            assert municipality.lineage == [municipality.parent_id, municipality.pk]
        else:
            assert municipality.lineage == [municipality.pk]


def test_the_demo_step_reports_the_shipped_counts_and_writes_nothing():
    from io import StringIO

    from portal.municipalities import demo

    before = Municipality.objects.count()
    out = StringIO()

    demo.seed(out)
    demo.seed(out)

    assert f"муниципальных образований — {before}" in out.getvalue()
    assert "субъектов РФ — 89" in out.getvalue()
    assert Municipality.objects.count() == before

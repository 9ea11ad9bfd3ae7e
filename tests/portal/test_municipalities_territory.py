"""Territory helpers: «this municipality, its district, its region» as cheap queries."""

import pytest

from portal.accounts.models import EmailDomainAllowance, User
from portal.municipalities.models import Municipality, MunicipalityType
from portal.municipalities.territory import in_region_q, inside_q
from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return Municipality.objects.get(name="Зеленодольский муниципальный район")


@pytest.fixture
def settlement(district):
    return district.children.get(name="Город Зеленодольск")


def test_within_a_district_finds_the_district_and_all_its_settlements(district):
    found = set(Municipality.objects.within(district))

    assert found == {district, *district.children.all()}
    assert len(found) > 2


def test_ancestors_of_a_settlement_are_its_district_then_itself(district, settlement):
    assert list(Municipality.objects.ancestors_of(settlement)) == [district, settlement]
    assert settlement.ancestor_ids() == [district.pk, settlement.pk]


def test_the_territory_of_a_settlement_covers_items_of_its_district_and_region(
    district, settlement
):
    other_region_city = Municipality.objects.get(name="Самара")
    for_region = EmailDomainAllowance.objects.create(domain="tatar.ru", region=district.region)
    for_district = EmailDomainAllowance.objects.create(domain="zel.tatar.ru", municipality=district)
    for_town = EmailDomainAllowance.objects.create(domain="zelenodolsk.ru", municipality=settlement)
    EmailDomainAllowance.objects.create(domain="samadm.ru", municipality=other_region_city)
    EmailDomainAllowance.objects.create(
        domain="kazan.ru", municipality=Municipality.objects.get(name="Казань")
    )

    covering = EmailDomainAllowance.objects.filter(settlement.territory().covering_q())

    assert set(covering) == {for_region, for_district, for_town}


def test_the_territory_of_a_district_does_not_cover_items_of_its_settlements(district, settlement):
    EmailDomainAllowance.objects.create(domain="zelenodolsk.ru", municipality=settlement)

    covering = EmailDomainAllowance.objects.filter(
        district.territory().covering_q(region_field=None)
    )

    assert not covering.exists()


def test_inside_a_district_finds_users_of_the_district_and_its_settlements_in_one_query(
    district, settlement, django_assert_num_queries
):
    in_district = UserFactory(municipality=district)
    in_town = UserFactory(municipality=settlement)
    UserFactory(municipality=Municipality.objects.get(name="Казань"))

    with django_assert_num_queries(1):
        found = set(User.objects.filter(inside_q(district)))

    assert found == {in_district, in_town}


def test_in_region_finds_items_of_the_region_and_of_its_municipalities(district, settlement):
    for_region = EmailDomainAllowance.objects.create(domain="tatar.ru", region=district.region)
    for_town = EmailDomainAllowance.objects.create(domain="zelenodolsk.ru", municipality=settlement)
    EmailDomainAllowance.objects.create(
        domain="samadm.ru", municipality=Municipality.objects.get(name="Самара")
    )

    found = EmailDomainAllowance.objects.filter(in_region_q(district.region))

    assert set(found) == {for_region, for_town}


def test_moving_a_district_under_another_parent_moves_its_settlements_lineage():
    okrug = MunicipalityFactory(kind=MunicipalityType.URBAN_OKRUG_DIVIDED)
    district = MunicipalityFactory(kind=MunicipalityType.INTRACITY_DISTRICT, region=okrug.region)
    child = MunicipalityFactory(
        kind=MunicipalityType.URBAN_SETTLEMENT, parent=district, region=okrug.region
    )
    assert child.lineage == [district.pk, child.pk]

    district.parent = okrug
    district.save()

    child.refresh_from_db()
    assert district.lineage == [okrug.pk, district.pk]
    assert child.lineage == [okrug.pk, district.pk, child.pk]
    assert child in Municipality.objects.within(okrug)


def test_a_new_municipality_gets_its_lineage_on_save(district):
    village = MunicipalityFactory(
        kind=MunicipalityType.RURAL_SETTLEMENT, parent=district, region=district.region
    )

    assert village.lineage == [district.pk, village.pk]
    assert village.territory().municipality_ids == (district.pk, village.pk)

import pytest

from navigator.matching import MatchProfile, explain_match
from navigator.models import SupportMeasure
from navigator.models.scoring import UNTARGETED_SHARE, WEIGHTS
from portal.municipalities.models import MunicipalityType
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.navigator.factories import SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return MunicipalityFactory(
        kind=MunicipalityType.URBAN_SETTLEMENT, population=12000, region=RegionFactory(code="33")
    )


def matched(profile):
    return list(SupportMeasure.objects.published().matching(profile))


def test_region_limits_measures_to_their_regions_and_nationwide_ones_reach_everyone(town):
    nationwide = SupportMeasureFactory()
    here = SupportMeasureFactory(regions=[town.region])
    SupportMeasureFactory(regions=[RegionFactory(code="77")])
    measures = matched(MatchProfile(town))
    assert set(measures) == {nationwide, here}
    assert measures[0] == here, "a measure aimed at the region ranks above a nationwide one"


def test_a_district_measure_reaches_its_settlements_through_the_lineage(town):
    district = MunicipalityFactory(kind=MunicipalityType.MUNICIPAL_DISTRICT, region=town.region)
    settlement = MunicipalityFactory(
        kind=MunicipalityType.RURAL_SETTLEMENT, parent=district, region=town.region
    )
    for_district = SupportMeasureFactory(municipalities=[district])
    assert matched(MatchProfile(settlement)) == [for_district]
    assert matched(MatchProfile(town)) == []


def test_municipality_type_must_be_listed_unless_the_measure_accepts_any(town):
    any_type = SupportMeasureFactory()
    settlements = SupportMeasureFactory(municipality_types=[MunicipalityType.URBAN_SETTLEMENT])
    SupportMeasureFactory(municipality_types=[MunicipalityType.URBAN_OKRUG])
    assert set(matched(MatchProfile(town))) == {any_type, settlements}


def test_population_must_be_inside_the_range_with_both_bounds_inclusive(town):
    small_towns = SupportMeasureFactory(population_max=12000)
    from_exact = SupportMeasureFactory(population_min=12000, population_max=50000)
    SupportMeasureFactory(population_min=50000)
    SupportMeasureFactory(population_max=5000)
    assert set(matched(MatchProfile(town))) == {small_towns, from_exact}


def test_a_followed_sphere_raises_the_score_including_its_sub_spheres(town):
    utilities = SphereFactory(name="ЖКХ", slug="zhkh")
    water = SphereFactory(name="Водоснабжение", slug="water", parent=utilities)
    in_sub_sphere = SupportMeasureFactory(spheres=[water])
    elsewhere = SupportMeasureFactory(spheres=[SphereFactory()])
    user = UserFactory(municipality=town)
    user.interests.create(sphere=utilities)
    profile = MatchProfile.for_user(user)
    scores = {m.pk: m.match_score for m in matched(profile)}
    assert scores[in_sub_sphere.pk] - scores[elsewhere.pk] == WEIGHTS["spheres"]
    explanation = explain_match(matched(profile)[0], profile)
    assert "в сфере, которую вы отслеживаете" in explanation.fits


def test_low_cofinancing_scores_higher_than_high_cofinancing(town):
    cheap = SupportMeasureFactory(cofinancing_min=0, cofinancing_max=5)
    costly = SupportMeasureFactory(cofinancing_min=30, cofinancing_max=50)
    measures = matched(MatchProfile(town))
    assert measures == [cheap, costly]
    assert measures[0].match_score > measures[1].match_score
    explanation = explain_match(measures[1], MatchProfile(town))
    assert "софинансирование 30–50% — предусмотрите средства местного бюджета" in (
        explanation.uncertain
    )


def test_free_text_conditions_are_reported_as_uncertain(town):
    SupportMeasureFactory(other_conditions="Наличие утверждённой программы благоустройства.")
    measure = matched(MatchProfile(town))[0]
    explanation = explain_match(measure, MatchProfile(town))
    assert any("программы благоустройства" in item for item in explanation.uncertain)
    assert "выберите свои сферы, чтобы подбор был точнее" in explanation.uncertain


def test_explanation_names_the_region_and_population_when_the_measure_targets_them(town):
    SupportMeasureFactory(regions=[town.region], population_min=1000)
    measure = matched(MatchProfile(town))[0]
    fits = explain_match(measure, MatchProfile(town)).fits
    assert f"действует в субъекте «{town.region.name}»" in fits
    assert "население подходит (12\u00a0000 чел.)" in fits


def test_a_perfectly_targeted_measure_scores_one_hundred(town):
    sphere = SphereFactory()
    SupportMeasureFactory(
        regions=[town.region],
        municipality_types=[town.kind],
        population_max=20000,
        cofinancing_min=0,
        cofinancing_max=0,
        spheres=[sphere],
    )
    measure = matched(MatchProfile(town, frozenset({sphere.pk})))[0]
    assert measure.match_score == 100


def cofinancing_verdict(town, **bounds):
    """The co-financing points of a measure with `bounds` and its co-financing phrase."""
    SupportMeasureFactory(**bounds)
    profile = MatchProfile(town)
    measure = matched(profile)[0]
    # The factory's measure targets nobody in particular: the other dimensions give their share.
    untargeted = sum(
        round(WEIGHTS[dimension] * UNTARGETED_SHARE)
        for dimension in ("territory", "type", "population")
    )
    explanation = explain_match(measure, profile)
    fits = [p for p in explanation.fits if "софинансир" in p]
    uncertain = [p for p in explanation.uncertain if "софинансир" in p]
    return measure.match_score - untargeted, bool(fits), (fits + uncertain)[0]


@pytest.mark.parametrize(
    ("bounds", "points", "fits", "phrase"),
    [
        ({}, 6, False, "доля софинансирования не указана — уточните у организатора"),
        ({"cofinancing_min": 0, "cofinancing_max": 0}, 15, True, "не требуется"),
        ({"cofinancing_max": 0}, 15, True, "не требуется"),
        ({"cofinancing_min": 20}, 3, False, "софинансирование от 20% — предусмотрите"),
        ({"cofinancing_min": 5}, 15, True, "софинансирование от 5%"),
        ({"cofinancing_max": 5}, 15, True, "софинансирование до 5%"),
        ({"cofinancing_max": 30}, 6, False, "софинансирование до 30% — точную долю уточните"),
        ({"cofinancing_min": 5, "cofinancing_max": 40}, 15, True, "софинансирование 5–40%"),
        ({"cofinancing_min": 20, "cofinancing_max": 40}, 3, False, "софинансирование 20–40% —"),
        ({"cofinancing_min": 20, "cofinancing_max": 20}, 3, False, "софинансирование 20% —"),
    ],
)
def test_cofinancing_score_and_explanation_agree(town, bounds, points, fits, phrase):
    """Min only, max only, both and none: the points and the sentence tell the same story."""
    got_points, got_fits, got_phrase = cofinancing_verdict(town, **bounds)
    assert got_points == points
    assert got_fits is fits
    assert phrase in got_phrase

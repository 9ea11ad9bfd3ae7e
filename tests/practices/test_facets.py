"""The catalogue's facets: counts under the other chosen filters, the population band, folding,
bounded queries; and «Рекомендуем» in the cabinet."""

import datetime
import itertools
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import Interest
from portal.models import Sphere
from portal.municipalities.bands import POPULATION_BANDS
from portal.municipalities.models import MunicipalityType
from practices.catalogue_index import CatalogueQuery
from practices.community import cabinet_context
from practices.filters import ADOPTED_CHOICES, PracticeFilter
from practices.models import Adoption, Contest, Entry, Indicator, Practice
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
URL = reverse("practices:index")
API = "/practices/api/practices/"
RURAL, URBAN = MunicipalityType.RURAL_SETTLEMENT, MunicipalityType.URBAN_OKRUG


def band_of(population):
    return next(
        band.slug
        for band in POPULATION_BANDS
        if band.low <= population and (band.high is None or population < band.high)
    )


@pytest.fixture
def catalogue():
    """24 published practices varying in every facet; each returned as the facts a test checks
    its expectations against (never a hard-coded total)."""
    regions = [RegionFactory(), RegionFactory(), RegionFactory()]
    spheres = list(Sphere.objects.filter(slug__in=["zhkh-1", "zhkh-2", "roads-1"]).order_by("slug"))
    contest = Contest.objects.create(
        year=2025,
        entries_until=datetime.date(2025, 5, 1),
        scoring_until=datetime.date(2025, 6, 1),
        results_published_at=timezone.now(),
    )
    nomination = contest.nominations.create(title="Городская среда")
    adopters = [MunicipalityFactory() for _ in range(3)]
    facts = []
    combos = itertools.product(range(3), (RURAL, URBAN), (3_000, 15_000, 700_000), (2020, 2021))
    for number, (region, kind, population, year) in enumerate(combos):
        if number % 3 == 2 and population == 700_000:
            continue  # uneven counts, so a swapped facet would show
        own_spheres = [spheres[number % 3]] + ([spheres[(number + 1) % 3]] if number % 4 else [])
        practice = PracticeFactory(
            municipality=MunicipalityFactory(
                region=regions[region], kind=kind, population=population
            ),
            started_year=year,
            spheres=own_spheres,
        )
        awarded = number % 5 == 0
        if awarded:
            Entry.objects.create(nomination=nomination, practice=practice, place=1)
        measured = number % 2 == 0
        if measured:
            Indicator.objects.create(
                practice=practice, name="Очередь", unit="дн.", before=9, after=2
            )
        adoptions = number % 4
        for adopter in adopters[:adoptions]:
            Adoption.objects.create(practice=practice, municipality=adopter)
        facts.append(
            {
                "practice": practice,
                "region": regions[region].code,
                "kind": kind,
                "population": band_of(population),
                "year": str(year),
                "sphere": {sphere.slug for sphere in own_spheres},
                "directions": {sphere.parent.slug for sphere in own_spheres},
                "award": awarded,
                "measured": measured,
                "adopted": adoptions,
            }
        )
    return {"facts": facts, "regions": regions, "spheres": spheres}


def matches(fact, name, values):
    """Does a practice pass one chosen filter (the meaning PracticeFilter gives it)?"""
    if name == "sphere":
        return bool((fact["sphere"] | fact["directions"]) & set(values))
    if name in ("award", "measured"):
        return fact[name]
    if name == "adopted":
        return fact["adopted"] >= int(values[0])
    return fact[name] in values


def expected_counts(facts, chosen, facet, values_of):
    """Per value of `facet`: the practices passing every chosen filter but the facet's own."""
    rows = [
        fact
        for fact in facts
        if all(matches(fact, name, values) for name, values in chosen.items() if name != facet)
    ]
    counts = {}
    for fact in rows:
        for value in values_of(fact):
            counts[value] = counts.get(value, 0) + 1
    return counts


def counted(chosen):
    """The facet counts the catalogue shows for `chosen` (a query dict)."""
    return CatalogueQuery.of(PracticeFilter.for_query(chosen)).facet_counts()


def test_every_facet_counts_under_the_other_chosen_filters(catalogue):
    facts, regions = catalogue["facts"], catalogue["regions"]
    chosen = {
        "region": [regions[0].code, regions[1].code],
        "kind": [RURAL],
        "population": ["0-5", "5-20"],
        "year": ["2021"],
        "measured": ["on"],
    }
    counts = counted({**chosen})
    region_ids = {region.code: str(region.pk) for region in regions}
    assert counts["region"] == {
        region_ids[code]: total
        for code, total in expected_counts(facts, chosen, "region", lambda f: [f["region"]]).items()
    }
    for facet in ("kind", "population", "year"):
        values_of = lambda fact, facet=facet: [fact[facet]]  # noqa: E731
        assert counts[facet] == expected_counts(facts, chosen, facet, values_of)
    measured = expected_counts(facts, chosen, "measured", lambda f: ["1"] if f["measured"] else [])
    assert counts["measured"] == measured
    award = expected_counts(facts, chosen, "award", lambda f: ["1"] if f["award"] else [])
    assert counts["award"] == award
    adopted = expected_counts(
        facts,
        chosen,
        "adopted",
        lambda f: [value for value, _ in ADOPTED_CHOICES if f["adopted"] >= int(value)],
    )
    assert counts["adopted"] == {value: adopted.get(value, 0) for value, _ in ADOPTED_CHOICES}
    by_pk = {str(sphere.pk): sphere.slug for sphere in Sphere.objects.all()}
    spheres = expected_counts(facts, chosen, "sphere", lambda f: f["sphere"])
    assert {by_pk[pk]: total for pk, total in counts["sphere"].items()} == spheres
    directions = expected_counts(facts, chosen, "sphere", lambda f: f["directions"])
    assert {by_pk[pk]: total for pk, total in counts["direction"].items()} == directions
    # The list itself passes every chosen filter.
    listed = {p.pk for p in PracticeFilter.for_query(chosen).qs}
    assert listed == {
        f["practice"].pk
        for f in facts
        if all(matches(f, name, values) for name, values in chosen.items())
    }


def test_a_chosen_sphere_and_award_narrow_the_other_facets_not_their_own(catalogue):
    facts = catalogue["facts"]
    chosen = {"sphere": ["zhkh"], "award": ["on"]}
    counts = counted(chosen)
    assert counts["kind"] == expected_counts(facts, chosen, "kind", lambda f: [f["kind"]])
    directions = expected_counts(facts, chosen, "sphere", lambda f: f["directions"])
    by_pk = {str(sphere.pk): sphere.slug for sphere in Sphere.objects.all()}
    assert {by_pk[pk]: total for pk, total in counts["direction"].items()} == directions
    assert counts["award"] == expected_counts(
        facts, chosen, "award", lambda f: ["1"] if f["award"] else []
    )


def test_the_page_shows_the_counts_and_checks_the_chosen_values(client, catalogue):
    facts, regions = catalogue["facts"], catalogue["regions"]
    chosen = {"kind": [URBAN], "population": ["500-"]}
    html = client.get(URL, chosen).content.decode()
    for code, total in expected_counts(facts, chosen, "region", lambda f: [f["region"]]).items():
        region = next(region for region in regions if region.code == code)
        assert f'{region.name} <span class="facet__count">({total})</span>' in html
    kinds = expected_counts(facts, chosen, "kind", lambda f: [f["kind"]])
    assert f'городской округ <span class="facet__count">({kinds[URBAN]})</span>' in html
    assert 'name="kind" value="urban_okrug" id="facet-kind-urban_okrug" checked>' in html
    assert 'name="population" value="500-" id="facet-population-500-" checked>' in html
    found = len([f for f in facts if f["kind"] == URBAN and f["population"] == "500-"])
    assert f"Найдено практик: {found}" in html


def test_the_population_band_filter_takes_the_lower_bound_and_leaves_the_upper_one():
    for population in (4_999, 5_000, 19_999, 20_000, 500_000):
        PracticeFactory(
            title=f"Население {population}",
            municipality=MunicipalityFactory(population=population),
        )
    titles = {p.title for p in PracticeFilter.for_query({"population": ["5-20"]}).qs}
    assert titles == {"Население 5000", "Население 19999"}
    several = PracticeFilter.for_query({"population": ["0-5", "500-"]}).qs
    assert {p.title for p in several} == {"Население 4999", "Население 500000"}


def test_the_api_accepts_the_population_band_and_reports_a_wrong_one(client):
    PracticeFactory(title="Село", municipality=MunicipalityFactory(population=1_200))
    PracticeFactory(title="Город", municipality=MunicipalityFactory(population=640_000))
    answer = client.get(API, {"population": "0-5"}).json()
    assert [row["title"] for row in answer["results"]] == ["Село"]
    assert answer["results"][0]["municipality"]["population"] == 1_200
    both = client.get(f"{API}?population=0-5&population=500-").json()
    assert both["count"] == 2
    wrong = client.get(API, {"population": "миллион"}).json()
    assert "population" in wrong["errors"] and wrong["count"] == 2


def test_a_chosen_value_without_practices_stays_visible_and_checked(client):
    north, south = RegionFactory(), RegionFactory()
    PracticeFactory(municipality=MunicipalityFactory(region=north), started_year=2020)
    PracticeFactory(municipality=MunicipalityFactory(region=south), started_year=2023)
    html = client.get(URL, {"region": north.code, "year": "2023"}).content.decode()
    assert "Найдено практик: 0" in html
    # The chosen region has no practice of 2023 but stays, checked, so it can be unchecked.
    assert f'name="region" value="{north.code}" id="facet-region-{north.code}" checked>' in html
    assert f'{north.name} <span class="facet__count">(0)</span>' in html
    assert 'name="year" value="2023" id="facet-year-2023" checked>' in html
    # Values with no practice under the chosen filters and not chosen are not offered.
    assert 'name="year" value="2020"' in html  # 2020 has a practice in the chosen region
    html = client.get(URL, {"region": south.code}).content.decode()
    assert 'name="year" value="2020"' not in html


def test_a_long_list_folds_behind_details_that_work_without_javascript(client):
    regions = [RegionFactory() for _ in range(11)]
    for number, region in enumerate(regions):
        for _ in range(number + 1):
            PracticeFactory(municipality=MunicipalityFactory(region=region))
    html = client.get(URL).content.decode()
    folded = re.search(
        r'<details class="facet__more">\s*<summary>Ещё 3</summary>(.*?)</details>', html, re.S
    )
    assert folded, "the three regions with fewest practices fold behind «Ещё 3»"
    assert all(f'value="{region.code}"' in folded.group(1) for region in regions[:3])
    assert "<script" not in html.split("</head>")[1]
    # A chosen region comes first and is never hidden in a closed list.
    chosen = client.get(URL, {"region": regions[0].code}).content.decode()
    first_region = re.search(r'name="region" value="(\w+)"', chosen).group(1)
    assert first_region == regions[0].code


def test_the_facet_counts_need_no_query_and_the_page_stays_bounded(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    spheres = list(Sphere.objects.filter(slug__in=["zhkh-1", "roads-1"]))
    regions = [RegionFactory() for _ in range(4)]
    query = {
        "q": "практика",
        "sphere": ["zhkh"],
        "region": [regions[0].code, regions[1].code],
        "kind": [URBAN],
        "population": ["20-100"],
        "year": ["2022"],
        "measured": "on",
        "adopted": "1",
        "budget_min": "0",
    }

    def page_queries():
        with django_assert_max_num_queries(12) as captured:
            assert client.get(URL, query).status_code == 200
        return len(captured.captured_queries)

    def add(number):
        practice = PracticeFactory(
            spheres=spheres, municipality=MunicipalityFactory(region=regions[number % 4])
        )
        Indicator.objects.create(practice=practice, name="Очередь", unit="дн.", before=9, after=2)
        Adoption.objects.create(practice=practice, municipality=MunicipalityFactory())

    add(0)
    client.get(URL, query)  # the first request builds the snapshot and fills other caches
    few = page_queries()
    for number in range(40):
        add(number)
    client.get(URL, query)  # the practices changed: this request rebuilds the snapshot
    assert page_queries() == few  # independent of the number of practices and values
    counted({"kind": [URBAN]})  # the practices changed: this rebuilds the snapshot
    with django_assert_num_queries(0):  # then counts come from the snapshot alone
        counted({"kind": [URBAN]})


def test_the_cabinet_recommends_practices_of_similar_municipalities_in_my_spheres(
    client, rf, django_assert_max_num_queries
):
    zhkh, roads = Sphere.objects.get(slug="zhkh"), Sphere.objects.get(slug="roads-1")
    home = MunicipalityFactory(kind=RURAL, population=2_000)
    user = UserFactory(municipality=home)
    Interest.objects.create(user=user, sphere=zhkh)

    def practice(title, kind=RURAL, population=3_000, sphere="zhkh-2"):
        return PracticeFactory(
            title=title,
            municipality=MunicipalityFactory(kind=kind, population=population),
            spheres=[Sphere.objects.get(slug=sphere)],
        )

    fits = practice("Подходит: сельское, ЖКХ")
    practice("Практика городского округа", kind=URBAN)
    practice("Слишком большое", population=90_000)
    practice("Другое направление", sphere=roads.slug)
    adopted = practice("Уже внедрили")
    Adoption.objects.create(practice=adopted, municipality=home)
    PracticeFactory(title="Наша собственная", municipality=home, spheres=[zhkh])
    request = rf.get("/cabinet/")
    request.user = UserFactory._meta.model.objects.get(pk=user.pk)
    with django_assert_max_num_queries(3):  # the municipality, my practices, the recommended
        context = cabinet_context(request)
    assert [p.title for p in context["recommended"]] == [fits.title]
    client.force_login(user)
    html = client.get("/cabinet/").content.decode()
    assert "Рекомендуем" in html
    assert fits.title in html
    for other in [
        "Практика городского округа",
        "Слишком большое",
        "Другое направление",
        "Уже внедрили",
    ]:
        assert other not in html
    assert "Наша собственная" not in html.split("Рекомендуем")[1]


def test_the_cabinet_lists_my_practices_with_their_status(client, employee):
    PracticeFactory(title="Моя практика о дорогах", author=employee, live=False)
    client.force_login(employee)
    html = client.get("/cabinet/").content.decode()
    assert "Моя практика о дорогах" in html and "черновик" in html


def test_without_chosen_spheres_the_recommendation_keeps_type_and_population():
    home = MunicipalityFactory(kind=URBAN, population=100_000)
    user = UserFactory(municipality=home)
    near = PracticeFactory(municipality=MunicipalityFactory(kind=URBAN, population=250_000))
    PracticeFactory(municipality=MunicipalityFactory(kind=URBAN, population=400_000))
    PracticeFactory(municipality=MunicipalityFactory(kind=RURAL, population=100_000))
    assert list(Practice.objects.recommended_for(user)) == [near]


def test_the_counts_follow_the_search_text_and_the_budget():
    for title, kind, budget in [
        ("Ремонт сельских дорог", RURAL, 1_000_000),
        ("Дорожные знаки у школ", RURAL, 9_000_000),
        ("Ямочный ремонт дорог в городе", URBAN, 1_000_000),
        ("Модельная библиотека", RURAL, 1_000_000),
    ]:
        PracticeFactory(title=title, municipality=MunicipalityFactory(kind=kind), budget=budget)
    query = {"q": "дорога", "budget_max": "5000000", "kind": [RURAL]}
    found = PracticeFilter.for_query(query)
    assert [p.title for p in found.qs] == ["Ремонт сельских дорог"]
    counts = CatalogueQuery.of(found).facet_counts()
    assert counts["kind"] == {RURAL: 1, URBAN: 1}  # the type counted under text and budget
    assert counts["year"] == {"2022": 1}  # the others under all three

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Sphere
from tests.factories import MunicipalityFactory, RegionFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
URL = reverse("practices:index")


def facet_label(label, count):
    return f'{label} <span class="facet__count">({count})</span>'


def titles(response):
    return [practice.title for practice in response.context["practices"]]


def test_the_catalogue_lists_published_practices_newest_first(client):
    now = timezone.now()
    PracticeFactory(title="Старая практика", first_published_at=now - timedelta(days=9))
    PracticeFactory(title="Новая практика", first_published_at=now)
    PracticeFactory(title="Черновик практики", live=False)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Новая практика", "Старая практика"]
    html = response.content.decode()
    assert "Черновик практики" not in html
    assert "Найдено практик: 2" in html


def test_filtering_by_a_direction_finds_practices_in_its_sub_spheres(client, direction):
    PracticeFactory(title="Котельные", spheres=[Sphere.objects.get(slug="zhkh-3")])
    PracticeFactory(title="Дороги", spheres=[Sphere.objects.get(slug="roads-1")])
    response = client.get(URL, {"sphere": "zhkh"})
    assert titles(response) == ["Котельные"]
    assert 'value="zhkh" id="facet-sphere-zhkh" checked>' in response.content.decode()


def test_filtering_by_region_year_and_budget(client):
    region = RegionFactory(code="52")
    here = MunicipalityFactory(region=region)
    PracticeFactory(title="Подходит", municipality=here, started_year=2021, budget=2_000_000)
    PracticeFactory(title="Другой год", municipality=here, started_year=2020, budget=2_000_000)
    PracticeFactory(title="Дорого", municipality=here, started_year=2021, budget=90_000_000)
    elsewhere = MunicipalityFactory(region=RegionFactory(code="53"))
    PracticeFactory(
        title="Другой регион", municipality=elsewhere, started_year=2021, budget=2_000_000
    )
    query = {"region": "52", "year": "2021", "budget_min": "1000000", "budget_max": "5000000"}
    assert titles(client.get(URL, query)) == ["Подходит"]


def test_the_region_list_offers_only_regions_with_practices(client):
    PracticeFactory(municipality=MunicipalityFactory(region=RegionFactory(code="10")))
    RegionFactory(code="11")
    html = client.get(URL).content.decode()
    assert 'name="region" value="10"' in html
    assert 'name="region" value="11"' not in html


def test_a_crossed_budget_range_is_explained_in_russian(client):
    PracticeFactory(budget=3_000_000)
    response = client.get(URL, {"budget_min": "5000000", "budget_max": "1000"})
    assert "Верхняя граница бюджета меньше нижней." in response.content.decode()


def test_a_wrong_year_is_reported_and_the_other_filters_still_apply(client):
    PracticeFactory(title="Котельные", spheres=[Sphere.objects.get(slug="zhkh-3")])
    PracticeFactory(title="Дороги", spheres=[Sphere.objects.get(slug="roads-1")])
    response = client.get(URL, {"year": "сорок", "sphere": "zhkh"})
    assert response.status_code == 200
    assert "Введите год числом, например 2023." in response.content.decode()
    assert titles(response) == ["Котельные"]


def test_search_finds_russian_word_forms_ranks_and_marks_the_match(client):
    PracticeFactory(
        title="Раздельный сбор отходов во дворах",
        problem="Все отходы шли на полигон.",
        first_published_at=timezone.now() - timedelta(days=30),
    )
    PracticeFactory(
        title="Дворовые тренеры",
        solution="Тренеры следят и за сбором мусора после занятий.",
        results="Меньше отходов на площадках.",
    )
    PracticeFactory(title="Модельная библиотека")
    response = client.get(URL, {"q": "отход"})
    assert titles(response) == ["Раздельный сбор отходов во дворах", "Дворовые тренеры"]
    assert "<mark>отходы</mark>" in response.content.decode()
    newest_first = client.get(URL, {"q": "отход", "sort": "newest"})
    assert titles(newest_first) == ["Дворовые тренеры", "Раздельный сбор отходов во дворах"]


def test_search_never_looks_into_the_contacts(client):
    PracticeFactory(contact_name="Тимофеев Аристарх Ильич")
    assert titles(client.get(URL, {"q": "Аристарх"})) == []


def test_search_uses_the_portal_synonyms(client):
    PracticeFactory(title="Твёрдые коммунальные отходы: сортировка во дворах")
    assert titles(client.get(URL, {"q": "ТКО"})) == [
        "Твёрдые коммунальные отходы: сортировка во дворах"
    ]


def test_pages_keep_the_filter_in_their_links(client):
    for _ in range(21):
        PracticeFactory(spheres=[Sphere.objects.get(slug="zhkh-1")])
    response = client.get(URL, {"sphere": "zhkh"})
    assert len(response.context["practices"]) == 20
    assert 'href="?sphere=zhkh&amp;page=2"' in response.content.decode()
    assert len(client.get(URL, {"sphere": "zhkh", "page": "2"}).context["practices"]) == 1


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    spheres = list(Sphere.objects.filter(slug__in=["zhkh-1", "urban-2"]))
    for number in range(30):
        PracticeFactory(spheres=spheres, municipality=MunicipalityFactory(), budget=number * 1000)
    query = {"q": "практика", "sphere": "zhkh", "region": "", "sort": "relevance"}
    client.get(URL)  # the practices changed: this request rebuilds the catalogue's snapshot
    # Counts come from the snapshot; a text is read once, as the matching ids.
    with django_assert_max_num_queries(12):
        response = client.get(URL, query)
    assert len(response.context["practices"]) == 20
    with django_assert_max_num_queries(9):
        client.get(URL)


def test_the_form_is_labelled_and_works_without_javascript(client):
    PracticeFactory()
    html = client.get(URL).content.decode()
    for field in ["q", "budget_min", "budget_max", "sort"]:
        assert f'<label for="id_{field}">' in html
    assert html.count('<fieldset class="facet">') >= 2  # each facet a group with its legend
    assert 'method="get"' in html
    assert "<script" not in html.split("</head>")[1]


def test_municipality_type_facet_counts_and_the_measured_filter(client):
    from portal.municipalities.models import MunicipalityType
    from practices.models import Indicator

    rural = PracticeFactory(
        municipality=MunicipalityFactory(kind=MunicipalityType.RURAL_SETTLEMENT)
    )
    PracticeFactory(municipality=MunicipalityFactory(kind=MunicipalityType.RURAL_SETTLEMENT))
    PracticeFactory(municipality=MunicipalityFactory(kind=MunicipalityType.URBAN_OKRUG))
    Indicator.objects.create(practice=rural, name="Очередь", unit="дней", before=5, after=2)
    page = client.get(URL).content.decode()
    assert facet_label("сельское поселение", 2) in page
    assert facet_label("городской округ", 1) in page
    assert "муниципальный район <span" not in page  # zero options are not offered
    response = client.get(URL, {"kind": "rural_settlement", "measured": "on"})
    assert [p.pk for p in response.context["practices"]] == [rural.pk]
    # The chosen type's own counts ignore the type but follow the other filters.
    assert facet_label("сельское поселение", 1) in response.content.decode()
    api = client.get("/practices/api/practices/", {"kind": "urban_okrug"}).json()
    assert api["count"] == 1
    assert "kind" in client.get("/practices/api/practices/", {"kind": "xx"}).json()["errors"]

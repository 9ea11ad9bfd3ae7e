import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from navigator.models import MeasureKind
from portal.models import SearchLog
from portal.municipalities.models import MunicipalityType
from tests.factories import MunicipalityFactory, RegionFactory
from tests.navigator.factories import SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db
URL = reverse("navigator:index")


def facet_count(html, name, value):
    """The count printed next to a facet checkbox."""
    pattern = rf'id="facet-{name}-{value}"[^>]*>\s*<label[^>]*>[^<]*<span[^>]*>\((\d+)\)'
    match = re.search(pattern, html)
    return int(match.group(1)) if match else None


def test_guest_sees_published_measures_and_the_filter(client):
    SupportMeasureFactory(title="Грант на развитие туризма")
    SupportMeasureFactory(title="Черновик меры", live=False)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Грант на развитие туризма" in html
    assert "Черновик меры" not in html
    assert 'role="search"' in html and 'for="id_q"' in html


def test_facet_counts_count_each_facet_under_the_other_facets(client):
    SupportMeasureFactory.create_batch(2, kind=MeasureKind.GRANT, is_competitive=True)
    SupportMeasureFactory(kind=MeasureKind.SUBSIDY, is_competitive=True)
    SupportMeasureFactory(kind=MeasureKind.SUBSIDY, is_competitive=False)
    html = client.get(URL, {"kind": "grant"}).content.decode()
    # Other kinds stay countable so the user can widen the choice.
    assert facet_count(html, "kind", "grant") == 2
    assert facet_count(html, "kind", "subsidy") == 2
    # Other facets count only within the chosen kind.
    assert facet_count(html, "competitive", "yes") == 2
    assert facet_count(html, "competitive", "no") is None


def test_sphere_facet_counts_directions_and_sub_spheres(client):
    direction = SphereFactory(slug="ekonomika")
    child = SphereFactory(slug="turizm", parent=direction)
    SupportMeasureFactory(spheres=[child])
    SupportMeasureFactory(spheres=[direction, child])
    html = client.get(URL).content.decode()
    assert facet_count(html, "sphere", "ekonomika") == 2
    assert facet_count(html, "sphere", "turizm") == 2


def test_pagination_keeps_the_filter_in_links(client):
    SupportMeasureFactory.create_batch(23, kind=MeasureKind.GRANT)
    SupportMeasureFactory(kind=MeasureKind.SUBSIDY)
    first = client.get(URL, {"kind": "grant"}).content.decode()
    assert "Найдено: 23" in first
    assert 'href="?kind=grant&amp;page=2"' in first
    second = client.get(URL, {"kind": "grant", "page": 2}).context["page_obj"]
    assert len(second.object_list) == 3


def test_invalid_filter_values_show_a_russian_message(client):
    response = client.get(URL, {"population": "много"})
    assert response.status_code == 200
    assert "Введите число" in response.content.decode()


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    sphere = SphereFactory()
    SupportMeasureFactory.create_batch(3, spheres=[sphere])
    params = {"kind": "subsidy", "q": "субсидия", "sphere": sphere.slug}
    with django_assert_max_num_queries(25) as few:
        client.get(URL, params)
    SupportMeasureFactory.create_batch(40, spheres=[sphere])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, params)
    assert response.context["page_obj"].paginator.count == 43


def test_guests_get_the_unfiltered_list_from_the_cache(client, django_assert_max_num_queries):
    SupportMeasureFactory(title="Первая мера")
    client.get(URL)
    with django_assert_max_num_queries(0):
        cached = client.get(URL)
    assert "Первая мера" in cached.content.decode()


def test_the_low_vision_version_is_cached_apart(client):
    SupportMeasureFactory(title="Мера для всех")
    client.get(URL)
    client.cookies["low_vision"] = "1"
    html = client.get(URL).content.decode()
    assert 'class="low-vision"' in html and "Мера для всех" in html


def test_saving_a_measure_invalidates_the_cached_list(client):
    measure = SupportMeasureFactory(title="Старое название")
    client.get(URL)
    measure.title = "Новое название"
    measure.save()
    SupportMeasureFactory(title="Только что опубликована")
    html = client.get(URL).content.decode()
    assert "Новое название" in html and "Только что опубликована" in html
    assert "Старое название" not in html


def test_the_cached_results_are_shared_but_the_page_stays_personal(client, employee):
    SupportMeasureFactory(title="Мера для всех")
    client.get(URL)
    client.force_login(employee)
    html = client.get(URL).content.decode()
    assert "Мера для всех" in html
    assert "Выйти" in html and employee.email not in html.split('id="main"')[1]


def test_a_filtered_list_is_cached_and_still_logged(client, django_assert_max_num_queries):
    SupportMeasureFactory(title="Грант на музеи", kind=MeasureKind.GRANT)
    client.get(URL, {"kind": "grant"})
    with django_assert_max_num_queries(2):
        html = client.get(URL, {"kind": "grant"}).content.decode()
    assert "Грант на музеи" in html
    assert SearchLog.objects.filter(filters="kind=grant", result_count=1).count() == 2


def test_searches_are_logged_with_result_counts_once(client):
    SupportMeasureFactory(title="Капитальный ремонт школ")
    client.get(URL, {"q": "ремонт школ"})
    client.get(URL, {"q": "космодром"})
    client.get(URL, {"q": "космодром", "page": 2})
    client.get(URL, {"sort": "amount"})
    client.get(URL)
    logs = {log.query: log.result_count for log in SearchLog.objects.all()}
    assert logs == {"ремонт школ": 1, "космодром": 0}


def test_closing_sort_is_the_default_without_text(client):
    today = timezone.localdate()
    SupportMeasureFactory(title="Поздняя", closes_on=today + timedelta(days=60))
    SupportMeasureFactory(title="Ранняя", closes_on=today + timedelta(days=2))
    measures = client.get(URL, {"level": "federal"}).context["measures"]
    assert [m.title for m in measures] == ["Ранняя", "Поздняя"]


def test_the_form_shows_the_filter_from_the_url(client):
    from tests.factories import RegionFactory
    from tests.navigator.factories import OrganisationFactory

    region = RegionFactory(code="52")
    ministry = OrganisationFactory(name="Министерство сельского хозяйства")
    SupportMeasureFactory(organiser=ministry, regions=[region], kind=MeasureKind.GRANT)
    html = client.get(
        URL, {"region": "52", "organiser": ministry.slug, "kind": "grant", "population": "1200"}
    ).content.decode()
    assert '<option value="52" selected>' in html
    assert f'value="{ministry.slug}" id="facet-organiser-{ministry.slug}" checked' in html
    assert 'value="grant" id="facet-kind-grant" checked' in html
    assert 'name="population" value="1200"' in html


def test_organiser_programme_and_region_show_their_counts(client):
    from tests.factories import RegionFactory
    from tests.navigator.factories import OrganisationFactory, ProgrammeFactory

    region = RegionFactory(code="52", name="Нижегородская область")
    ministry = OrganisationFactory(name="Министерство культуры")
    project = ProgrammeFactory(name="Семья")
    SupportMeasureFactory(organiser=ministry, programme=project, regions=[region])
    SupportMeasureFactory(organiser=ministry, kind=MeasureKind.GRANT)
    html = client.get(URL, {"kind": "subsidy"}).content.decode()
    assert facet_count(html, "organiser", ministry.slug) == 1
    assert facet_count(html, "programme", project.slug) == 1
    assert '<option value="52">Нижегородская область (1)</option>' in html


def test_rare_organisers_wait_under_more_and_stay_choosable(client):
    from navigator.facets import TOP_OPTIONS
    from tests.navigator.factories import OrganisationFactory

    organisers = OrganisationFactory.create_batch(TOP_OPTIONS + 1)
    for organiser in organisers[1:]:
        SupportMeasureFactory.create_batch(2, organiser=organiser)
    SupportMeasureFactory(organiser=organisers[0])
    html = client.get(URL).content.decode()
    more = html.split('<details class="navigator-facet__more">')[1].split("</details>")[0]
    assert "<summary>Ещё 1</summary>" in more
    # A list box, not a checkbox per option: a hundred organisers stay a few kilobytes.
    assert 'for="facet-organiser-more"' in more and 'id="facet-organiser-more"' in more
    assert f'<option value="{organisers[0].slug}">' in more and "(1)</option>" in more
    chosen = client.get(URL, {"organiser": organisers[0].slug}).content.decode()
    assert f'id="facet-organiser-{organisers[0].slug}" checked' in chosen


def test_a_saved_measure_makes_the_list_stale_again_after_the_commit(
    db, django_capture_on_commit_callbacks
):
    from navigator import listcache

    measure = SupportMeasureFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        measure.save()
    version_at_save = listcache.current_version()
    for callback in callbacks:
        callback()
    assert listcache.current_version() != version_at_save


def test_the_site_wide_search_finds_published_measures_by_word_form(client):
    SupportMeasureFactory(title="Субсидия на благоустройство дворов", summary="Кратко о мере")
    SupportMeasureFactory(title="Грант на благоустройство парков", live=False)
    html = client.get(reverse("site_search"), {"q": "благоустройства"}).content.decode()
    assert 'id="group-navigator"' in html
    assert "Субсидия на благоустройство дворов" in html
    assert "Кратко о мере" in html
    assert "Грант на благоустройство парков" not in html


def add_varied_measures(count, sphere, region):
    """Measures for all of Russia, for a region and for a single town, in turn."""
    town = MunicipalityFactory(region=region)
    territories = [{}, {"regions": [region]}, {"municipalities": [town]}]
    for number in range(count):
        SupportMeasureFactory(spheres=[sphere], **territories[number % 3])


def test_the_list_runs_the_same_queries_for_3_and_30_measures(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    sphere, region = SphereFactory(), RegionFactory(code="33")
    params = {"q": "субсидия", "region": "33", "municipality_type": "urban_okrug"}
    client.get(URL, params)  # synonyms and site contacts are cached, whatever the measures
    add_varied_measures(3, sphere, region)
    with django_assert_max_num_queries(30) as few:
        client.get(URL, params)
    add_varied_measures(27, sphere, region)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL, params)
    assert response.context["page_obj"].paginator.count == 30


def test_the_municipality_type_is_a_facet_with_counts(client):
    SupportMeasureFactory()
    SupportMeasureFactory(municipality_types=[MunicipalityType.RURAL_SETTLEMENT])
    html = client.get(URL, {"municipality_type": "rural_settlement"}).content.decode()
    assert facet_count(html, "municipality_type", "rural_settlement") == 2
    assert facet_count(html, "municipality_type", "urban_okrug") == 1
    assert 'id="facet-municipality_type-rural_settlement" checked' in html

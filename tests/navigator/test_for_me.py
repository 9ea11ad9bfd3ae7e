import pytest
from django.urls import reverse

from portal.accounts.models import Interest
from portal.municipalities.models import MunicipalityType
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.navigator.factories import SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db
URL = reverse("navigator:for_me")


def test_guests_first_choose_a_region_then_a_municipality_without_javascript(client):
    region = RegionFactory(code="44", name="Костромская область")
    town = MunicipalityFactory(name="Город Нерехта", region=region)
    first = client.get(URL).content.decode()
    assert 'name="region"' in first and 'name="municipality"' not in first
    second = client.get(URL, {"region": region.code}).content.decode()
    assert f'<option value="{town.pk}">Город Нерехта</option>' in second


def test_guests_see_measures_matched_to_the_chosen_municipality_with_explanations(client):
    region = RegionFactory(code="44")
    town = MunicipalityFactory(region=region, kind=MunicipalityType.URBAN_OKRUG)
    SupportMeasureFactory(title="Для округов области", regions=[region])
    SupportMeasureFactory(title="Для другой области", regions=[RegionFactory(code="45")])
    html = client.get(URL, {"region": region.code, "municipality": town.pk}).content.decode()
    assert "Для округов области" in html
    assert "Для другой области" not in html
    assert "Почему подходит:" in html
    assert f"действует в субъекте «{region.name}»" in html


def test_a_municipality_from_another_region_is_refused(client):
    town = MunicipalityFactory(region=RegionFactory(code="44"))
    response = client.get(URL, {"region": RegionFactory(code="45").code, "municipality": town.pk})
    assert "Выберите корректный вариант" in response.content.decode()
    assert "Почему подходит:" not in response.content.decode()


def test_signed_in_users_get_matches_for_their_own_municipality(client, employee):
    SupportMeasureFactory(title="Для региона пользователя", regions=[employee.municipality.region])
    client.force_login(employee)
    html = client.get(URL).content.decode()
    assert "Для региона пользователя" in html
    assert employee.municipality.full_name in html


def test_closed_measures_are_not_suggested(client, employee):
    SupportMeasureFactory(title="Закрытая мера", opens_on=None, closes_on="2020-01-01")
    client.force_login(employee)
    assert "Закрытая мера" not in client.get(URL).content.decode()


def test_saving_followed_spheres_needs_sign_in_and_replaces_the_previous_choice(client, employee):
    old, new = SphereFactory(), SphereFactory()
    Interest.objects.create(user=employee, sphere=old)
    assert (
        client.post(reverse("navigator:follow_spheres"), {"spheres": [new.pk]}).status_code == 302
    )
    assert Interest.objects.filter(user=employee, sphere=old).exists()
    client.force_login(employee)
    client.post(reverse("navigator:follow_spheres"), {"spheres": [new.pk]})
    assert list(Interest.objects.filter(user=employee).values_list("sphere", flat=True)) == [new.pk]


def test_the_for_me_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    region = RegionFactory(code="44")
    sphere = SphereFactory()
    user = UserFactory(municipality=MunicipalityFactory(region=region))
    Interest.objects.create(user=user, sphere=sphere)
    for number in range(25):
        SupportMeasureFactory(
            regions=[region] if number % 2 else [],
            spheres=[sphere],
            other_conditions="Нужна заявка главы" if number % 3 else "",
        )
    client.force_login(user)
    with django_assert_max_num_queries(16):
        response = client.get(URL)
    assert response.context["page_obj"].paginator.count == 25


def test_spheres_a_guest_ticks_raise_matching_measures_and_stay_ticked(client):
    region = RegionFactory(code="44")
    town = MunicipalityFactory(region=region)
    sphere = SphereFactory(name="Туризм и гостеприимство")
    SupportMeasureFactory(title="Без сферы")
    SupportMeasureFactory(title="Мера про туризм", spheres=[sphere])
    response = client.get(
        URL, {"region": region.code, "municipality": town.pk, "spheres": [sphere.pk]}
    )
    matches = response.context["page_obj"].object_list
    assert [m.title for m in matches] == ["Мера про туризм", "Без сферы"]
    assert f'value="{sphere.pk}" id="guest-sphere-{sphere.pk}" checked' in response.content.decode()


def test_a_measure_published_after_a_visit_appears_in_the_matches_at_once(client, employee):
    SupportMeasureFactory(title="Первая мера", regions=[employee.municipality.region])
    client.force_login(employee)
    assert "Первая мера" in client.get(URL).content.decode()

    SupportMeasureFactory(title="Новая мера региона", regions=[employee.municipality.region])

    assert "Новая мера региона" in client.get(URL).content.decode()


def test_the_for_me_page_runs_the_same_queries_for_3_and_30_measures(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    region = RegionFactory(code="44")
    sphere = SphereFactory()
    user = UserFactory(municipality=MunicipalityFactory(region=region))
    Interest.objects.create(user=user, sphere=sphere)
    client.force_login(user)
    client.get(URL)  # the option lists are cached for an hour, whatever the measures

    def add_measures(count):
        for number in range(count):
            SupportMeasureFactory(regions=[region] if number % 2 else [], spheres=[sphere])

    add_measures(3)
    with django_assert_max_num_queries(16) as few:
        client.get(URL)
    add_measures(27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.context["page_obj"].paginator.count == 30


class RecordingCache:
    """The real cache, remembering the keys of the rendered match pages it stores."""

    def __init__(self, real):
        self.real, self.keys = real, []

    def set(self, key, *args, **kwargs):
        if ":for-me:" in key:  # portal.caching.versioned_key(listcache.VERSION, "for-me", …)
            self.keys.append(key)
        return self.real.set(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_the_cache_key_is_built_from_the_choice_not_the_raw_query(client, monkeypatch):
    from navigator.views import for_me

    recording = RecordingCache(for_me.cache)
    monkeypatch.setattr(for_me, "cache", recording)
    region = RegionFactory(code="44")
    town = MunicipalityFactory(region=region)
    SupportMeasureFactory.create_batch(21)
    choice = {"region": region.code, "municipality": town.pk}
    first = client.get(URL, {**choice, "utm_source": "x" * 300}).content.decode()
    client.get(URL, {**choice, "utm_source": "другое", "page": "1"})
    client.get(URL, {**choice, "page": "9" * 40})  # a made-up page shows the last one
    client.get(URL, {**choice, "page": "2"})
    assert len(recording.keys) == 2, "junk parameters or page numbers made new cache entries"
    assert all(len(key) < 200 for key in recording.keys)
    # The page links keep the choice and drop the junk.
    matches = first.split('id="matches-title"')[1]
    assert f"?region=44&amp;municipality={town.pk}&amp;page=2" in matches
    assert "utm_source" not in matches

import pytest
from django.core.cache import cache

from portal.models import Sphere
from practices import detail
from practices.models import Adoption
from tests.factories import MunicipalityFactory
from tests.legal_vector.factories import DocumentFactory
from tests.navigator.factories import SupportMeasureFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
CONTACT = "petrova@example.ru"


def test_a_published_practice_shows_its_story_money_place_and_links(client):
    measure = SupportMeasureFactory(title="Субсидия на дворы")
    hidden_measure = SupportMeasureFactory(title="Снятая мера", live=False)
    document = DocumentFactory(title="О благоустройстве")
    practice = PracticeFactory(
        title="Дворы по голосованию",
        problem="Дворы ремонтировали без жителей.",
        solution="Жители голосуют.\nЖители принимают работы.",
        results="Благоустроено 118 дворов.",
        budget=96_000_000,
        funding_sources="Субсидия и местный бюджет",
        spheres=[Sphere.objects.get(slug="urban-2")],
        support_measures=[measure, hidden_measure],
        legal_documents=[document],
    )
    response = client.get(practice.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Дворы по голосованию</h1>" in html
    assert "<p>Жители голосуют.<br>\nЖители принимают работы.</p>" in html
    assert "<dd>96\xa0000\xa0000 ₽</dd>" in html
    assert str(practice.municipality.region) in html
    assert f'href="{measure.get_absolute_url()}"' in html
    assert "Снятая мера" not in html
    assert f'href="{document.get_absolute_url()}"' in html
    assert 'href="/practices/?sphere=urban-2"' in html


def test_drafts_are_not_found_by_the_public(client, administrator):
    draft = PracticeFactory(live=False)
    assert client.get(f"/practices/{draft.slug}/").status_code == 404
    client.force_login(administrator)
    assert client.get(f"/practices/{draft.slug}/").status_code == 404


def test_guests_see_how_to_get_the_contacts_but_not_the_contacts(client, practice):
    html = client.get(practice.get_absolute_url()).content.decode()
    assert CONTACT not in html
    assert practice.contact_phone not in html
    assert practice.contact_name not in html
    assert "/accounts/login/?next=" in html


def test_unverified_users_do_not_see_the_contacts(client, unverified_user, practice):
    client.force_login(unverified_user)
    html = client.get(practice.get_absolute_url()).content.decode()
    assert CONTACT not in html
    assert "Модератор проверит вашу учётную запись" in html


def test_verified_employees_see_the_contacts(client, employee, practice):
    client.force_login(employee)
    html = client.get(practice.get_absolute_url()).content.decode()
    assert f'href="mailto:{CONTACT}"' in html
    assert practice.contact_name in html
    assert 'href="tel:+7(900)123-45-67"' in html


def test_the_page_runs_a_bounded_number_of_queries(client, employee, django_assert_max_num_queries):
    spheres = list(Sphere.objects.filter(slug__in=["zhkh-1", "zhkh-2", "urban-2"]))
    practice = PracticeFactory(
        spheres=spheres,
        support_measures=[SupportMeasureFactory() for _ in range(5)],
        legal_documents=[DocumentFactory() for _ in range(5)],
    )
    # The key of the stored page, the practice, its spheres, measures, acts, indicators, budget
    # lines and files, the footer contacts (cached after), the awards, the adopters (with the
    # counts by region), the history, «полезно» and a page of comments.
    with django_assert_max_num_queries(14):
        client.get(practice.get_absolute_url())
    client.force_login(employee)
    cache.clear()
    # The same without the key, plus session, user, municipality, notifications and the user's
    # own marks; whether the user's municipality adopted it is in the stored adopters.
    with django_assert_max_num_queries(19):
        assert client.get(practice.get_absolute_url()).status_code == 200
    # Stored: the practice, then the session and user, the own marks.
    with django_assert_max_num_queries(4):
        assert client.get(practice.get_absolute_url()).status_code == 200


def _adopt(practice, municipality, region=None):
    if region is not None:
        municipality.region = region
        municipality.save()
    return Adoption.objects.create(practice=practice, municipality=municipality)


@pytest.mark.parametrize("shown", [50, 2])
def test_the_adoptions_are_counted_by_region_whether_or_not_all_are_listed(
    client, practice, monkeypatch, shown
):
    monkeypatch.setattr(detail, "ADOPTERS_SHOWN", shown)
    south, north = _adopt(practice, MunicipalityFactory()), _adopt(practice, MunicipalityFactory())
    _adopt(practice, MunicipalityFactory(), south.municipality.region)
    html = client.get(practice.get_absolute_url()).content.decode()
    rows = f"<tr><td>{south.municipality.region}</td><td>2</td></tr>"
    rows += f"<tr><td>{north.municipality.region}</td><td>1</td></tr>"
    assert "внедривших практику: 3." in html and rows in html
    listed = html[html.index(rows) : html.index("</ul>", html.index(rows))].count("<li>")
    assert listed == min(shown, 3)


def _offers_to_edit_the_adoption(client, practice):
    html = client.get(practice.get_absolute_url()).content.decode()
    return "Изменить сведения о внедрении" in html


@pytest.mark.parametrize("shown", [50, 1])
def test_an_adoption_by_the_reader_s_municipality_shows_at_once(
    client, employee, practice, monkeypatch, shown
):
    monkeypatch.setattr(detail, "ADOPTERS_SHOWN", shown)
    _adopt(practice, MunicipalityFactory())
    client.force_login(employee)
    assert not _offers_to_edit_the_adoption(client, practice)
    adoption = _adopt(practice, employee.municipality)
    assert _offers_to_edit_the_adoption(client, practice)
    adoption.delete()
    assert not _offers_to_edit_the_adoption(client, practice)

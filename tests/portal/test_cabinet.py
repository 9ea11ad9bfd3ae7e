import pytest

from portal.accounts.models import Interest
from portal.models import Sphere
from portal.registry import CabinetSection
from tests.factories import MunicipalityFactory

SECTIONS = "portal.accounts.cabinet.cabinet_sections"


@pytest.fixture(autouse=True)
def _only_sections_under_test(monkeypatch):
    # The services' own sections are tested by their apps; here the registry starts empty.
    monkeypatch.setattr(SECTIONS, {})


CABINET_PAGES = [
    "/cabinet/",
    "/cabinet/profile/",
    "/cabinet/security/",
    "/cabinet/deletion/",
    "/cabinet/notifications/settings/",
]


@pytest.mark.parametrize("path", [*CABINET_PAGES, "/cabinet/export/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", CABINET_PAGES)
def test_cabinet_pages_open_for_a_signed_in_user_in_the_portal_layout(client, employee, path):
    client.force_login(employee)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Разделы личного кабинета"' in html
    assert "style=" not in html and "<script>" not in html


def test_the_cabinet_explains_verification_to_an_unverified_user(client, unverified_user):
    client.force_login(unverified_user)
    html = client.get("/cabinet/").content.decode()
    assert "Учётная запись ещё не подтверждена" in html
    assert "модератор портала проверит" in html


def test_the_cabinet_has_no_verification_banner_for_a_verified_employee(client, employee):
    client.force_login(employee)
    html = client.get("/cabinet/").content.decode()
    assert "Учётная запись ещё не подтверждена" not in html
    assert "подтверждённый служащий" in html


def test_the_cabinet_shows_an_empty_state_when_no_service_registered_a_section(client, employee):
    client.force_login(employee)
    assert "Здесь появятся ваши вопросы юристам" in client.get("/cabinet/").content.decode()


def test_the_cabinet_shows_the_sections_services_register(client, employee, monkeypatch):
    section = CabinetSection(
        key="demo-service",
        title="Мои заявки",
        template="accounts/cabinet_section_links.html",
        get_context=lambda request: {
            "links": [{"title": f"Заявки {request.user.email}", "url": "/cabinet/"}]
        },
        url_name="notifications:list",
    )
    monkeypatch.setattr(SECTIONS, {"demo": section})
    client.force_login(employee)
    html = client.get("/cabinet/").content.decode()
    assert "Мои заявки" in html
    assert f"Заявки {employee.email}" in html
    assert '<a href="/cabinet/notifications/">Мои заявки</a>' in html


def test_the_cabinet_runs_a_bounded_number_of_queries(
    client, employee, django_assert_max_num_queries
):
    client.force_login(employee)
    with django_assert_max_num_queries(8):
        assert client.get("/cabinet/").status_code == 200


def test_a_user_edits_their_profile(client, unverified_user):
    other = MunicipalityFactory()
    client.force_login(unverified_user)
    response = client.post(
        "/cabinet/profile/",
        {
            "last_name": "Смирнова",
            "first_name": "Ирина",
            "patronymic": "",
            "position": "Заместитель главы",
            "municipality": other.full_name,
            "municipality_id": other.pk,
            "phone": "",
        },
    )
    assert response.status_code == 302
    unverified_user.refresh_from_db()
    assert unverified_user.last_name == "Смирнова"
    assert unverified_user.position == "Заместитель главы"
    assert unverified_user.municipality == other


def test_an_invalid_profile_is_not_saved_and_keeps_the_input(client, employee):
    client.force_login(employee)
    response = client.post(
        "/cabinet/profile/",
        {"last_name": "", "first_name": "Ирина", "position": "Глава", "phone": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Укажите фамилию." in html
    assert 'value="Ирина"' in html
    employee.refresh_from_db()
    assert employee.last_name == "Иванов"


def test_a_verified_employee_cannot_move_to_another_municipality_alone(client, employee):
    original = employee.municipality
    client.force_login(employee)
    client.post(
        "/cabinet/profile/",
        {
            "last_name": "Иванов",
            "first_name": "Иван",
            "position": "Глава",
            "municipality": MunicipalityFactory().name,
        },
    )
    employee.refresh_from_db()
    assert employee.municipality == original
    assert employee.position == "Глава"


def test_the_spheres_a_user_works_in_are_kept_in_the_profile(client, employee):
    first, second, third = Sphere.objects.directions().order_by("order")[:3]
    Interest.replace_for(employee, [first])
    client.force_login(employee)
    page = client.get("/cabinet/profile/").content.decode()
    assert "<legend>Сферы, в которых вы работаете</legend>" in page
    assert f'value="{first.pk}" id="id_spheres_' in page and "checked" in page
    fields = {"last_name": "Иванов", "first_name": "Иван", "position": "Глава", "phone": ""}
    response = client.post("/cabinet/profile/", {**fields, "spheres": [second.pk, third.pk]})
    assert response.status_code == 302
    assert Interest.objects.sphere_ids(employee) == {second.pk, third.pk}
    # A sphere id that does not exist is refused and nothing changes.
    response = client.post("/cabinet/profile/", {**fields, "spheres": [999999]})
    assert response.status_code == 200
    assert Interest.objects.sphere_ids(employee) == {second.pk, third.pk}


def test_the_security_page_links_to_password_and_two_factor_settings(client, editor):
    client.force_login(editor)
    html = client.get("/cabinet/security/").content.decode()
    assert 'href="/accounts/password/change/"' in html
    assert 'href="/accounts/2fa/totp/activate/"' in html
    assert "обязательна" in html

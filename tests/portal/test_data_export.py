import json

from portal import registry
from portal.accounts.models import Interest, PersonalDataConsent
from portal.models import Sphere
from portal.notifications.services import notify
from tests.factories import UserFactory


def export(client, user):
    client.force_login(user)
    response = client.get("/cabinet/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_the_export_contains_the_profile_consents_and_notifications(client, employee):
    PersonalDataConsent.objects.create(user=employee, policy_version="2026-11")
    notify(employee, "account.verified", "Учётная запись подтверждена.", link="/cabinet/")
    data = export(client, employee)
    assert data["profile"]["email"] == employee.email
    assert data["profile"]["last_name"] == employee.last_name
    assert data["profile"]["municipality"] == employee.municipality.full_name
    assert [consent["policy_version"] for consent in data["consents"]] == ["2026-11"]
    assert [item["text"] for item in data["notifications"]["items"]] == [
        "Учётная запись подтверждена."
    ]


def test_the_export_never_contains_other_users_data(client, employee):
    stranger = UserFactory(email="stranger@example.ru")
    notify(stranger, "account.verified", "Чужое уведомление.")
    PersonalDataConsent.objects.create(user=stranger, policy_version="chuzhoe")
    body = json.dumps(export(client, employee), ensure_ascii=False)
    assert "stranger@example.ru" not in body
    assert "Чужое уведомление." not in body
    assert "chuzhoe" not in body


def test_apps_add_their_data_through_the_exporter_hook(client, employee, monkeypatch):
    monkeypatch.setitem(
        registry.personal_data_exporters,
        "practices",
        lambda user: [{"title": f"Практика автора {user.pk}"}],
    )
    data = export(client, employee)
    assert data["practices"] == [{"title": f"Практика автора {employee.pk}"}]


def test_the_spheres_a_user_works_in_are_exported_and_erased_with_the_account(client, employee):
    sphere = Sphere.objects.directions().order_by("order").first()
    Interest.replace_for(employee, [sphere])
    assert export(client, employee)["profile"]["spheres"] == [sphere.name]
    employee.anonymize()
    assert not Interest.objects.filter(user=employee).exists()

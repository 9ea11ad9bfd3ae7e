"""Saved filters in Django admin: support finds a user's subscriptions and can switch one off,
nothing else about them changes there."""

import pytest
from django.urls import reverse

from portal.notifications.models import Alert

pytestmark = pytest.mark.django_db


@pytest.fixture
def alert(employee):
    return Alert.objects.create(
        service="practices", user=employee, title="Отходы <b>во дворах</b>", query="q=отходы"
    )


def test_support_finds_a_users_subscription_by_email(administrator_client, alert, employee):
    url = reverse("admin:notifications_alert_changelist")
    html = administrator_client.get(url, {"q": employee.email}).content.decode()
    assert "Отходы &lt;b&gt;во дворах&lt;/b&gt;" in html
    assert administrator_client.get(url, {"q": "nobody@example.ru"}).context["cl"].result_count == 0


def test_only_the_switch_changes_and_nothing_is_added(administrator_client, alert):
    url = reverse("admin:notifications_alert_change", args=[alert.pk])
    response = administrator_client.post(
        url, {"is_active": "", "title": "Подменено", "query": "q=другое"}, follow=True
    )
    assert response.status_code == 200
    alert.refresh_from_db()
    assert not alert.is_active
    assert (alert.title, alert.query) == ("Отходы <b>во дворах</b>", "q=отходы")
    assert administrator_client.get(reverse("admin:notifications_alert_add")).status_code == 403

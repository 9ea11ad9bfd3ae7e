"""The export (152-ФЗ) holds the services' data about the person, and deletion erases it."""

import json
import uuid

import pytest

from legal_vector.models import Bookmark, Consultation, Subscription
from navigator.models import MeasureAlert
from tests.factories import UserFactory
from tests.legal_vector.factories import DocumentFactory
from tests.navigator.factories import BookmarkFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(employee):
    document = DocumentFactory(title="О порядке благоустройства территорий")
    Bookmark.objects.create(user=employee, document=document, label="")
    Subscription.objects.create(user=employee, document=document, label="")
    Consultation.submit(employee, "Можно ли передать полномочия по благоустройству?", uuid.uuid4())
    BookmarkFactory(user=employee, measure=SupportMeasureFactory(title="Грант на скверы"))
    MeasureAlert.objects.create(user=employee, title="Гранты на дворы", query="q=двор")
    stranger = UserFactory()
    MeasureAlert.objects.create(user=stranger, title="Чужая подписка", query="")
    return employee


def test_the_downloaded_export_holds_legal_and_navigator_records(client, records):
    client.force_login(records)
    data = json.loads(client.get("/cabinet/export/").content)
    legal, navigator = data["legal_vector"], data["navigator"]
    alerts = data["notifications"]["alerts"]
    assert [row["document"] for row in legal["bookmarks"]] == [
        "О порядке благоустройства территорий"
    ]
    assert [row["document"] for row in legal["subscriptions"]] == [
        "О порядке благоустройства территорий"
    ]
    assert legal["consultations"][0]["question"].startswith("Можно ли передать")
    assert [row["measure"] for row in navigator["bookmarks"]] == ["Грант на скверы"]
    # Alerts of every service are the portal's, exported once with the notifications.
    assert [(row["service"], row["title"]) for row in alerts] == [("navigator", "Гранты на дворы")]


def test_deleting_the_account_erases_bookmarks_subscriptions_consultations_and_alerts(records):
    records.anonymize()
    assert not Bookmark.objects.filter(user=records).exists()
    assert not Subscription.objects.filter(user=records).exists()
    assert not Consultation.objects.filter(author=records).exists()
    assert not records.measure_bookmarks.exists()
    assert list(MeasureAlert.objects.values_list("title", flat=True)) == ["Чужая подписка"]

import datetime

import pytest
from django.urls import reverse

from legal_vector.models import Subscription
from portal.notifications.models import Delivery, Notification
from tests.legal_vector.conftest import SAMPLE_LAW, import_sample

pytestmark = pytest.mark.django_db


def test_employee_subscribes_to_a_document_once(client, employee, law):
    client.force_login(employee)
    data = {"document": law.pk, "stable_key": ""}

    client.post(reverse("legal_vector:subscription_add"), data)
    client.post(reverse("legal_vector:subscription_add"), data)

    assert Subscription.objects.filter(user=employee, document=law).count() == 1


def test_new_edition_notifies_document_subscribers_with_a_link_to_the_diff(
    employee, law, django_capture_on_commit_callbacks
):
    Subscription.objects.pin(employee, law)
    text = SAMPLE_LAW.replace("в границах муниципальных образований", "в границах округов")

    with django_capture_on_commit_callbacks(execute=True):
        second = import_sample(text, edition_date=datetime.date(2025, 2, 1)).edition

    notification = Notification.objects.get(user=employee)
    older = second.previous()
    assert notification.kind == "legal.new_edition"
    assert notification.link == f"/legal/documents/{law.pk}/diff/?from={older.pk}&to={second.pk}"
    assert "Новая редакция от 01.02.2025" in notification.text


def test_unit_subscribers_hear_only_about_changes_inside_their_unit(
    employee, other_employee, law, django_capture_on_commit_callbacks
):
    Subscription.objects.pin(employee, law, "st36", "ст. 36")
    Subscription.objects.pin(other_employee, law, "st14", "ст. 14")
    text = SAMPLE_LAW.replace("высшим должностным лицом.", "высшим должностным лицом МО.")

    with django_capture_on_commit_callbacks(execute=True):
        import_sample(text, edition_date=datetime.date(2025, 2, 1))

    assert Notification.objects.filter(user=employee).count() == 1
    assert not Notification.objects.filter(user=other_employee).exists()


def test_a_reader_hears_of_an_edition_once_however_often_the_task_runs(
    employee, law, django_capture_on_commit_callbacks
):
    # Watching the whole act and one of its articles is still one message per edition; the
    # outbox may run the task twice, the delivery log keeps it once.
    Subscription.objects.pin(employee, law)
    Subscription.objects.pin(employee, law, "st36", "ст. 36")
    text = SAMPLE_LAW.replace("высшим должностным лицом.", "высшим должностным лицом МО.")

    with django_capture_on_commit_callbacks(execute=True):
        second = import_sample(text, edition_date=datetime.date(2025, 2, 1)).edition
    assert second.notify_subscribers() == 0

    assert Notification.objects.filter(user=employee).count() == 1
    assert Delivery.objects.filter(user=employee, channel="legal.new_edition").count() == 1


def test_reimporting_the_same_text_notifies_nobody(
    employee, law, django_capture_on_commit_callbacks
):
    Subscription.objects.pin(employee, law)

    with django_capture_on_commit_callbacks(execute=True):
        import_sample(edition_date=datetime.date(2020, 1, 1))

    assert not Notification.objects.exists()


def test_subscription_list_is_private(client, employee, other_employee, law):
    Subscription.objects.pin(other_employee, law, "st14", "ст. 14")
    client.force_login(employee)

    html = client.get(reverse("legal_vector:subscriptions")).content.decode()

    assert "Подписок нет" in html


def test_employee_unsubscribes_only_from_own_subscriptions(client, employee, other_employee, law):
    own, _ = Subscription.objects.pin(employee, law)
    foreign, _ = Subscription.objects.pin(other_employee, law)
    client.force_login(employee)

    client.post(reverse("legal_vector:subscription_delete", args=[own.pk]))
    response = client.post(reverse("legal_vector:subscription_delete", args=[foreign.pk]))

    assert response.status_code == 404
    assert list(Subscription.objects.all()) == [foreign]


def test_guests_cannot_subscribe(client, law):
    guest = client.post(reverse("legal_vector:subscription_add"), {"document": law.pk})

    assert guest.status_code == 302 and "/accounts/login/" in guest.url
    assert not Subscription.objects.exists()


def test_a_confirmed_email_is_enough_to_subscribe_without_verification(
    client, unverified_user, law
):
    client.force_login(unverified_user)

    client.post(reverse("legal_vector:subscription_add"), {"document": law.pk})

    assert Subscription.objects.get().user == unverified_user


def test_cabinet_shows_the_subscriptions_section(client, employee, law):
    Subscription.objects.pin(employee, law, "st36", "ст. 36")
    client.force_login(employee)

    html = client.get(reverse("cabinet:index")).content.decode()

    assert "Подписки" in html and "ст. 36 — Федеральный закон" in html

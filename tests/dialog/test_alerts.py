"""«Подписаться на эту подборку» on the problem field: the field's filter saved as a portal
alert, and the digest of problems made public since, each sent once per alert."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dialog.alerts import ALERT_KIND, SERVICE
from dialog.models import ProblemStatus
from portal.notifications.models import Alert, AlertFrequency, Delivery, Notification
from portal.notifications.tasks import send_alert_digest, send_alert_digests
from tests.dialog.factories import direction, problem_in

pytestmark = pytest.mark.django_db
CREATE_URL = reverse("notifications:alert_create", args=[SERVICE])
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def make_alert(user, query="", **kwargs):
    return Alert.objects.create(
        service=SERVICE,
        user=user,
        title=kwargs.pop("title", "Проблемы ЖКХ"),
        query=query,
        frequency=AlertFrequency.DAILY,
        created_at=timezone.now() - timedelta(days=3),
        **kwargs,
    )


def test_the_field_links_to_the_subscription_with_its_current_filter(client):
    html = client.get(reverse("dialog:index"), {"direction": "zhkh", "page": "2"}).content
    assert f'href="{CREATE_URL}?direction=zhkh"' in html.decode()


def test_the_form_carries_the_filter_and_saves_it_canonically(client, employee):
    client.force_login(employee)
    page = client.get(CREATE_URL, {"direction": "zhkh", "sort": "supported"}).content.decode()
    assert 'value="direction=zhkh&amp;sort=supported"' in page
    response = client.post(
        CREATE_URL,
        {"title": "ЖКХ", "frequency": "weekly", "query": "sort=supported&direction=zhkh"},
    )
    alert = Alert.objects.get(user=employee, service=SERVICE)
    assert alert.query == "direction=zhkh"
    assert (
        response.status_code == 302 and response.url == f"{reverse('dialog:index')}?direction=zhkh"
    )
    client.post(CREATE_URL, {"title": "ЖКХ", "frequency": "weekly", "query": "direction=zhkh"})
    assert Alert.objects.filter(user=employee, service=SERVICE).count() == 1


def test_a_guest_is_sent_to_sign_in(client):
    response = client.post(CREATE_URL, {"title": "ЖКХ", "frequency": "daily", "query": ""})
    assert response.status_code == 302 and urlsplit(response.url).path == reverse("account_login")
    assert not Alert.objects.exists()


def test_the_digest_sends_each_new_public_problem_of_the_filter_once(
    employee, django_capture_on_commit_callbacks
):
    alert = make_alert(employee, query="direction=zhkh")
    new = problem_in(ProblemStatus.REVIEW, title="Сети без хозяина")
    problem_in(ProblemStatus.REVIEW, title="Дороги", direction=direction("roads"))
    problem_in(ProblemStatus.MODERATION, title="Ещё на модерации")
    problem_in(ProblemStatus.REVIEW, title="Скрытая", is_hidden=True)
    problem_in(
        ProblemStatus.REVIEW,
        title="Давняя",
        published_at=timezone.now() - timedelta(days=30),
    )
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_alert_digests(AlertFrequency.DAILY)
        send_alert_digest(alert.pk)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Сети без хозяина" in body and new.get_absolute_url() in body
    for absent in ("Дороги", "Ещё на модерации", "Скрытая", "Давняя"):
        assert absent not in body
    delivered = Delivery.objects.on(alert.delivery_channel).values_list("subject_id", flat=True)
    assert list(delivered) == [new.pk]
    assert Notification.objects.filter(user=employee, kind=ALERT_KIND).count() == 1


def test_titles_stay_inert_in_the_html_digest(employee):
    alert = make_alert(employee, title="ЖКХ")
    problem_in(ProblemStatus.REVIEW, title=HOSTILE)
    assert send_alert_digest(alert.pk) == 1
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_cabinet_points_to_every_service_one_can_subscribe_in(client, employee):
    client.force_login(employee)
    page = client.get(reverse("notifications:alerts")).content.decode()
    for url_name in ("navigator:index", "practices:index", "dialog:index"):
        assert f'href="{reverse(url_name)}"' in page

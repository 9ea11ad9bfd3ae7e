"""«Подписаться на эту подборку»: the catalogue's filter saved as a portal alert, and the
digest of practices published since, sent once per alert."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.notifications.models import Alert, AlertFrequency, Delivery, Notification
from portal.notifications.tasks import send_alert_digest, send_alert_digests
from practices.alerts import ALERT_KIND, SERVICE
from tests.factories import MunicipalityFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
CREATE_URL = reverse("notifications:alert_create", args=[SERVICE])
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture
def region_code(municipality):
    return municipality.region.code


def subscribe(client, query, title="Практики моего региона", frequency="daily"):
    return client.post(CREATE_URL, {"title": title, "frequency": frequency, "query": query})


def make_alert(user, query="", **kwargs):
    created = kwargs.pop("created_at", timezone.now() - timedelta(days=2))
    return Alert.objects.create(
        service=SERVICE,
        user=user,
        title=kwargs.pop("title", "Практики"),
        query=query,
        frequency=kwargs.pop("frequency", AlertFrequency.DAILY),
        created_at=created,
        **kwargs,
    )


# --- the form on the catalogue ------------------------------------------------------------------


def test_a_verified_employee_sees_the_subscribe_form_with_the_current_filter(
    client, employee, region_code
):
    client.force_login(employee)
    html = client.get(reverse("practices:index"), {"region": region_code, "page": "1"}).content
    html = html.decode()
    assert "Подписаться на эту подборку" in html
    assert f'action="{CREATE_URL}"' in html
    assert f'name="query" value="region={region_code}"' in html


@pytest.mark.parametrize("role", ["guest", "unverified"])
def test_guests_and_unverified_users_are_not_offered_the_form(client, unverified_user, role):
    if role == "unverified":
        client.force_login(unverified_user)
    html = client.get(reverse("practices:index")).content.decode()
    assert "Подписаться на эту подборку" not in html


def test_guests_are_sent_to_sign_in_and_unverified_users_refused(client, unverified_user):
    response = subscribe(client, "region=77")
    assert response.status_code == 302 and urlsplit(response.url).path == reverse("account_login")
    client.force_login(unverified_user)
    refused = subscribe(client, "region=77")
    assert refused.status_code == 403
    assert "подтверждённые муниципальные служащие" in refused.content.decode()
    assert not Alert.objects.exists()


def test_subscribing_saves_the_canonical_filter_and_returns_to_the_list(
    client, employee, region_code
):
    client.force_login(employee)
    # Another parameter order, the page, the sort and an unknown parameter make no other alert.
    response = subscribe(
        client, f"sort=adopted&page=3&region={region_code}&utm=x&award=on", frequency="weekly"
    )
    alert = Alert.objects.get()
    assert (alert.service, alert.user, alert.frequency) == (SERVICE, employee, "weekly")
    assert alert.query == f"award=on&region={region_code}"
    assert response.status_code == 302
    assert response.url == f"{reverse('practices:index')}?award=on&region={region_code}"


def test_a_resubmit_keeps_one_subscription(client, employee, region_code):
    client.force_login(employee)
    subscribe(client, f"region={region_code}")
    again = subscribe(client, f"sort=newest&region={region_code}", title="Ещё раз")
    assert again.status_code == 302
    assert Alert.objects.count() == 1
    page = client.get(again.url).content.decode()
    assert "Вы уже подписаны на эту подборку" in page


def test_subscribing_again_after_unsubscribing_reactivates_the_one_alert(
    client, employee, region_code
):
    alert = make_alert(employee, query=f"region={region_code}")
    alert.unsubscribe()
    client.force_login(employee)
    subscribe(client, f"region={region_code}", title="Снова")
    alert.refresh_from_db()
    assert alert.is_active and alert.title == "Снова"
    assert Alert.objects.count() == 1


def test_an_empty_title_is_refused_in_russian_and_what_was_typed_kept(
    client, employee, region_code
):
    client.force_login(employee)
    response = subscribe(client, f"region={region_code}", title="  ", frequency="weekly")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Назовите подписку" in html
    assert f'value="region={region_code}"' in html
    assert re.search(r'value="weekly"[^>]*checked', html)
    assert not Alert.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"title": "Год", "frequency": "daily", "query": "year=позапрошлый"},
        {"title": "Частота", "frequency": "hourly", "query": ""},
        {"title": "x" * 201, "frequency": "daily", "query": ""},
        {"title": "Две\nстроки", "frequency": "daily", "query": ""},
    ],
    ids=["bad filter", "bad frequency", "long title", "line break"],
)
def test_invalid_input_is_refused_without_saving_or_a_500(client, employee, data):
    client.force_login(employee)
    response = client.post(CREATE_URL, data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not Alert.objects.exists()


def test_an_unknown_service_is_not_found(client, employee):
    client.force_login(employee)
    url = reverse("notifications:alert_create", args=["nothing"])
    assert client.post(url, {"title": "x", "frequency": "daily"}).status_code == 404


# --- the digest --------------------------------------------------------------------------------


def test_the_digest_sends_each_new_matching_practice_once_even_when_the_task_runs_twice(
    employee, municipality, django_capture_on_commit_callbacks
):
    here = municipality.region.code
    alert = make_alert(employee, query=f"region={here}")
    new = PracticeFactory(title="Пункты раздельного сбора", municipality=municipality)
    PracticeFactory(title="Практика другого региона", municipality=MunicipalityFactory())
    PracticeFactory(
        title="Давняя практика",
        municipality=municipality,
        first_published_at=timezone.now() - timedelta(days=30),
    )
    PracticeFactory(title="Черновик", municipality=municipality, live=False)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_alert_digests(AlertFrequency.DAILY)
        # A retry or an outbox re-send of the same digest task.
        send_alert_digest(alert.pk)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Пункты раздельного сбора" in body
    assert "Практика другого региона" not in body and "Давняя практика" not in body
    assert "Черновик" not in body
    assert list(
        Delivery.objects.on(alert.delivery_channel).values_list("subject_id", flat=True)
    ) == [new.pk]
    assert Notification.objects.filter(user=employee, kind=ALERT_KIND).count() == 1


def test_a_practice_published_after_the_first_digest_comes_in_the_next_one(employee, municipality):
    alert = make_alert(employee)
    PracticeFactory(title="Первая", municipality=municipality)
    assert send_alert_digest(alert.pk) == 1
    PracticeFactory(title="Вторая", municipality=municipality)
    assert send_alert_digest(alert.pk) == 1
    assert ["Вторая" in message.body for message in mail.outbox] == [False, True]


def test_an_unsubscribed_alert_is_not_due_and_sends_nothing(employee, municipality):
    alert = make_alert(employee)
    alert.unsubscribe()
    PracticeFactory(municipality=municipality)
    assert not Alert.objects.due(AlertFrequency.DAILY).exists()
    assert send_alert_digest(alert.pk) == 0
    assert mail.outbox == []


def test_a_weekly_alert_waits_a_week_after_its_digest(employee):
    now = timezone.now()
    weekly = make_alert(employee, frequency=AlertFrequency.WEEKLY, last_sent_at=now - timedelta(2))
    assert not Alert.objects.due(AlertFrequency.WEEKLY).exists()
    Alert.objects.filter(pk=weekly.pk).update(last_sent_at=now - timedelta(days=7))
    assert list(Alert.objects.due(AlertFrequency.WEEKLY)) == [weekly]


def test_the_e_mail_carries_a_signed_unsubscribe_link(client, employee, municipality):
    alert = make_alert(employee)
    PracticeFactory(municipality=municipality)
    send_alert_digest(alert.pk)
    message = mail.outbox[0]
    link = alert.get_unsubscribe_url()
    assert link in message.body and link in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{link}>")
    # Anyone holding the link, signed in or not: a GET asks, a POST unsubscribes.
    assert "Отписаться" in client.get(link).content.decode()
    alert.refresh_from_db()
    assert alert.is_active
    assert "Вы отписались" in client.post(link).content.decode()
    alert.refresh_from_db()
    assert not alert.is_active


def test_a_hostile_title_and_practice_stay_inert_in_the_e_mail(employee, municipality):
    alert = make_alert(employee, title=HOSTILE)
    Alert.objects.filter(pk=alert.pk).update(title=f"{HOSTILE}\r\nBcc: x@example.com")
    PracticeFactory(title=HOSTILE, key_result=HOSTILE, municipality=municipality)
    assert send_alert_digest(alert.pk) == 1
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\n" not in message.subject and "\r" not in message.subject
    # The header survives as one line: the message is built (Django refuses a line break).
    assert message.message()["Bcc"] is None
    assert message.recipients() == [employee.email]


# --- the cabinet and someone else's alert ------------------------------------------------------


def test_the_cabinet_lists_the_users_own_alerts_with_unsubscribe(
    client, employee, other_employee, django_assert_max_num_queries
):
    mine = make_alert(employee, title="Мои практики")
    make_alert(other_employee, title="Чужие практики")
    client.force_login(employee)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("notifications:alerts")).content.decode()
    assert "Мои практики" in html and "Чужие практики" not in html
    assert reverse("notifications:alert_delete", args=[mine.pk]) in html
    cabinet = client.get(reverse("cabinet:index")).content.decode()
    assert "Подписки на подборки" in cabinet and "Мои практики" in cabinet


def test_another_user_cannot_unsubscribe_someone_elses_alert_without_the_token(
    client, employee, other_employee
):
    alert = make_alert(employee)
    client.force_login(other_employee)
    assert client.post(reverse("notifications:alert_delete", args=[alert.pk])).status_code == 404
    forged = reverse("notifications:alert_unsubscribe", args=[SERVICE, f"{alert.pk}:forged"])
    assert client.post(forged).status_code == 404
    # A navigator token does not open a practices alert of the same number.
    wrong_service = alert.get_unsubscribe_url().replace(f"/{SERVICE}/", "/navigator/")
    assert client.post(wrong_service).status_code == 404
    alert.refresh_from_db()
    assert alert.is_active


def test_the_owner_unsubscribes_from_the_cabinet(client, employee):
    alert = make_alert(employee, title="Ненужная подборка")
    client.force_login(employee)
    response = client.post(reverse("notifications:alert_delete", args=[alert.pk]), follow=True)
    assert "Вы отписались от подборки «Ненужная подборка»" in response.content.decode()
    assert not Alert.objects.exists()

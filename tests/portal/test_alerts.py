"""The portal's one alert mechanism: who may reach its addresses, the navigator's alerts moved
into it by a data migration, and digests queued through the outbox when the broker is down."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from navigator.models import MeasureAlert
from portal.celery import app
from portal.models import OutboxMessage
from portal.notifications import urls as notification_urls
from portal.notifications.models import Alert, AlertFrequency, Delivery
from portal.notifications.tasks import send_alert_digests
from tests.access_grid import AWAY, LOGIN, answer, url_names
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db

BEFORE = [("navigator", "0009_search_log_in_portal")]
AFTER = [("navigator", "0010_alerts_in_portal")]


# --- the data migration ------------------------------------------------------------------------


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_migration_moves_navigator_alerts_with_their_ids_and_back(employee, other_employee):
    old_apps = _migrate(BEFORE)
    Old = old_apps.get_model("navigator", "MeasureAlert")
    sent = timezone.now() - timedelta(days=3)
    first = Old.objects.create(user_id=employee.pk, title="Гранты", query="kind=grant")
    second = Old.objects.create(
        user_id=other_employee.pk,
        title="Субсидии",
        query="kind=subsidy",
        frequency="daily",
        is_active=False,
        last_sent_at=sent,
    )
    # Deferred foreign-key checks of the rows must run before the old table is dropped.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _migrate(AFTER)
    moved = {alert.pk: alert for alert in Alert.objects.all()}
    assert set(moved) == {first.pk, second.pk}
    assert moved[first.pk].service == "navigator" and moved[first.pk].user == employee
    assert (moved[second.pk].frequency, moved[second.pk].is_active) == ("daily", False)
    assert moved[second.pk].last_sent_at == sent
    # The proxy reads them, and the delivery channel is the one the log already uses.
    assert MeasureAlert.objects.get(pk=first.pk).delivery_channel == f"navigator.alert:{first.pk}"
    # The id sequence continues after the moved rows.
    newer = Alert.objects.create(service="practices", user=employee, title="Новые", query="")
    assert newer.pk > second.pk
    newer.delete()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    back = _migrate(BEFORE).get_model("navigator", "MeasureAlert")
    assert set(back.objects.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert not Alert.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _migrate(AFTER)


# --- who may use the addresses -----------------------------------------------------------------

ROLES = ["guest", "unverified", "employee", "other"]


@pytest.fixture
def world(employee):
    return {
        "alert": Alert.objects.create(service="practices", user=employee, title="Мои", query="")
    }


def _token_url(world):
    return world["alert"].get_unsubscribe_url()


def _named(name, *args):
    def build(world):
        values = [arg(world) if callable(arg) else arg for arg in args]
        return reverse(name, args=values)

    return build


ALERT_PK = lambda world: world["alert"].pk  # noqa: E731
SUBSCRIBE = {"title": "Практики", "frequency": "weekly", "query": "award=on"}

# (label, method, url, POST data, answer per role in ROLES order)
GRID = [
    ("my alerts", "get", _named("notifications:alerts"), None, (LOGIN, 200, 200, 200)),
    ("subscribe form", "get", _named("notifications:alert_create", "practices"), None,
     (LOGIN, 403, 200, 200)),
    ("subscribe", "post", _named("notifications:alert_create", "practices"), SUBSCRIBE,
     (LOGIN, 403, AWAY, AWAY)),
    ("subscribe unknown", "post", _named("notifications:alert_create", "nothing"), SUBSCRIBE,
     (LOGIN, 404, 404, 404)),
    ("unsubscribe page", "get", _token_url, None, (200,) * 4),
    ("forged unsubscribe", "post", _named("notifications:alert_unsubscribe", "practices", "1:x"),
     {}, (404,) * 4),
    ("unsubscribe", "post", _token_url, {}, (200,) * 4),
    ("delete", "post", _named("notifications:alert_delete", ALERT_PK), {},
     (LOGIN, 404, AWAY, 404)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "url", "data", "expected"), [pytest.param(*row[1:], id=row[0]) for row in GRID]
)
def test_each_role_gets_the_expected_answer_from_each_alert_address(
    world, employee, unverified_user, other_employee, method, url, data, expected
):
    users = {"unverified": unverified_user, "employee": employee, "other": other_employee}
    answers = {}
    # The owner goes last: their delete must not change what the others get.
    for role in sorted(ROLES, key=lambda role: role == "employee"):
        client = Client()
        if role in users:
            client.force_login(users[role])
        answers[role] = answer(getattr(client, method)(url(world), data or {}))
    assert answers == dict(zip(ROLES, expected, strict=True))


def test_the_grid_covers_every_alert_address(world):
    names = {pattern.name for pattern in notification_urls.urlpatterns}
    alert_names = {name for name in names if name.startswith("alert")}
    assert url_names(GRID, world) == alert_names


# --- broker down -------------------------------------------------------------------------------


@pytest.fixture
def broker_down():
    keys = ["broker_url", "task_always_eager"]
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    yield
    app.conf.update(saved)
    app.close()


def test_digests_queued_while_the_broker_is_down_wait_in_the_outbox_and_send_once(
    employee, municipality, broker_down, django_capture_on_commit_callbacks
):
    alert = Alert.objects.create(
        service="practices",
        user=employee,
        title="Практики",
        query="",
        frequency=AlertFrequency.DAILY,
        created_at=timezone.now() - timedelta(days=1),
    )
    practice = PracticeFactory(municipality=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_alert_digests(AlertFrequency.DAILY) == 1
    waiting = OutboxMessage.objects.get()
    assert (waiting.task, waiting.args) == (
        "portal.notifications.tasks.send_alert_digest",
        [alert.pk],
    )
    assert waiting.attempts == 1
    # The broker is back: the message is delivered, and a duplicate delivery changes nothing.
    for _ in range(2):
        app.tasks[waiting.task](*waiting.args)
    assert len(mail.outbox) == 1
    assert list(
        Delivery.objects.on(alert.delivery_channel).values_list("subject_id", flat=True)
    ) == [practice.pk]

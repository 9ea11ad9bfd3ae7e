# ruff: noqa: F811 — the redis_server fixture is imported and used as an argument.
"""Broker down: a save answers at once and its task waits in the outbox until the broker is back.

A real redis-server (started here on a free port) is the broker; the test stops and starts it.
"""

import base64
import io
import json
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from legal_vector.models import Consultation
from legal_vector.models.consultations import NOTIFICATION_KIND
from portal.celery import app
from portal.models import OutboxMessage
from portal.notifications.models import EmailPreference, Notification
from portal.outbox import enqueue_on_commit, send_pending
from portal.tasks import forget_old_submissions
from tests.portal.redis_server import redis_server  # noqa: F401

NEW_CONSULTATION = reverse("legal_vector:consultation_new")
EMAIL_TASK = "portal.notifications.tasks.send_notification_email"
# Celery's default queue: a list in the broker's Redis database.
QUEUE = "celery"
# A normal answer, far from the ~19 s the unprotected enqueue took with a dead broker.
QUICK_SECONDS = 3


@pytest.fixture
def broker(redis_server):
    """The portal's Celery app publishing to the test's Redis, eager again afterwards."""
    keys = ["broker_url", "task_always_eager"]
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(broker_url=redis_server.url(), task_always_eager=False)
    yield redis_server
    app.conf.update(saved)
    app.close()


def queued(server):
    """(task name, args) of every message the broker holds, oldest first."""
    # Kombu pushes on the left and consumers pop on the right.
    messages = [json.loads(raw) for raw in reversed(server.client().lrange(QUEUE, 0, -1))]
    return [
        (message["headers"]["task"], json.loads(base64.b64decode(message["body"]))[0])
        for message in messages
    ]


def ask(client, question, capture):
    started = time.monotonic()
    with capture(execute=True):
        response = client.post(NEW_CONSULTATION, {"question": question})
    return response, time.monotonic() - started


@pytest.fixture
def author(client, employee):
    EmailPreference.objects.save_choices(employee, {NOTIFICATION_KIND: True})
    client.force_login(employee)
    return employee


def test_a_consultation_saved_while_the_broker_is_down_answers_at_once_and_is_sent_later(
    client, author, broker, django_capture_on_commit_callbacks
):
    response, _ = ask(
        client, "Как утвердить отчёт об исполнении бюджета?", django_capture_on_commit_callbacks
    )
    first = Notification.objects.get()
    assert response.status_code == 302
    assert queued(broker) == [(EMAIL_TASK, [first.pk])]
    assert not OutboxMessage.objects.exists()

    broker.stop()
    response, seconds = ask(
        client, "Кто назначает публичные слушания по уставу?", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert seconds < QUICK_SECONDS
    assert Consultation.objects.count() == 2
    second = Notification.objects.latest("pk")
    waiting = OutboxMessage.objects.get()
    assert (waiting.task, waiting.args, waiting.attempts) == (EMAIL_TASK, [second.pk], 1)
    assert "6379" not in waiting.last_error and str(broker.port) in waiting.last_error

    broker.start()  # an empty server: the first message went with the old one
    call_command("send_outbox", stdout=io.StringIO())
    assert queued(broker) == [(EMAIL_TASK, [second.pk])]
    assert not OutboxMessage.objects.exists()


def test_the_next_successful_publish_also_sends_what_waited(
    client, author, broker, django_capture_on_commit_callbacks
):
    broker.stop()
    ask(client, "Как утвердить отчёт об исполнении бюджета?", django_capture_on_commit_callbacks)
    assert OutboxMessage.objects.count() == 1
    broker.start()
    ask(client, "Кто назначает публичные слушания по уставу?", django_capture_on_commit_callbacks)
    earlier, later = Notification.objects.order_by("pk")
    assert queued(broker) == [(EMAIL_TASK, [earlier.pk]), (EMAIL_TASK, [later.pk])]
    assert not OutboxMessage.objects.exists()


def test_a_rolled_back_save_queues_nothing(broker, db):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(forget_old_submissions)
        raise RuntimeError("the save failed")
    assert not OutboxMessage.objects.exists()
    assert send_pending() == 0
    assert queued(broker) == []


def test_without_a_broker_the_task_runs_after_commit_as_before(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    ran = []
    monkeypatch.setattr(forget_old_submissions, "run", lambda: ran.append(True))
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(forget_old_submissions)
    assert ran == [True]
    assert not OutboxMessage.objects.exists()

"""A real Celery worker, fed through the Redis on 127.0.0.1:6379, sends a notification e-mail.

The worker runs in a subprocess against the test database, so the test commits its rows
(`transaction=True`) for the worker to see them.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from celery.backends.redis import RedisBackend
from celery.result import AsyncResult
from django.conf import settings

from portal.celery import app
from portal.notifications.models import Notification
from portal.notifications.tasks import send_notification_email
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# A database number the development setup does not use, so the test never sees stray messages.
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/13"
RESULT_TIMEOUT = 20


def database_url(database: dict) -> str:
    """The URL of the test database, whether reached by TCP or by a Unix socket."""
    host = database["HOST"] or database["OPTIONS"].get("host", "")
    socket_dir = host.startswith("/")
    netloc = "" if socket_dir else host
    port = f":{database['PORT']}" if database["PORT"] else ""
    credentials = f"{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
    query = f"?host={quote(host, safe='')}" if socket_dir else ""
    return f"postgresql://{credentials}@{netloc}{port}/{database['NAME']}{query}"


def require_redis():
    try:
        socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=2).close()
    except OSError as exc:
        pytest.fail(
            f"Redis must be running on {REDIS_HOST}:{REDIS_PORT} for the Celery worker test "
            f"(apt-get install redis-server): {exc}"
        )


@pytest.fixture
def broker():
    """Point the portal's Celery app at Redis for this test, and back to eager mode after."""
    require_redis()
    keys = ["broker_url", "result_backend", "task_always_eager"]
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
    yield app
    app.conf.update(saved)
    app.close()


@pytest.fixture
def worker(broker, tmp_path):
    """A worker subprocess on a queue of its own; always stopped by its PID."""
    queue = f"test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    env.pop("EMAIL_HOST", None)
    log = (tmp_path / "worker.log").open("w")
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo"]
    command += ["--queues", queue, "--without-gossip", "--without-mingle", "--loglevel=INFO"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield SimpleNamespace(
            process=process, queue=queue, mail_dir=tmp_path / "mail", log=tmp_path / "worker.log"
        )
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def wait_for(result, worker):
    """Wait for the task, failing at once with the worker's log when the worker dies."""
    deadline = time.monotonic() + RESULT_TIMEOUT
    while not result.ready():
        if worker.process.poll() is not None:
            pytest.fail(f"The Celery worker exited early:\n{worker.log.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"No result in {RESULT_TIMEOUT} s:\n{worker.log.read_text()}")
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_notification_email_and_marks_it_sent(worker):
    user = UserFactory(email="worker-test@example.ru")
    notification = Notification.objects.create(
        user=user, kind="account.verified", text="Ваша учётная запись подтверждена."
    )

    # Earlier tests may have left the app with cached eager-mode producers and result backend,
    # so the message goes through an explicit connection and the result is read from Redis.
    with app.connection_for_write(REDIS_URL) as connection:
        sent = send_notification_email.apply_async(
            (notification.pk,), queue=worker.queue, connection=connection
        )
    result = AsyncResult(sent.id, backend=RedisBackend(app=app, url=REDIS_URL))
    wait_for(result, worker)

    assert result.get() is True
    mails = list(worker.mail_dir.glob("*.log"))
    assert len(mails) == 1
    message = mails[0].read_text()
    assert "To: worker-test@example.ru" in message
    notification.refresh_from_db()
    assert notification.emailed_at is not None

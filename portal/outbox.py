"""Queueing Celery tasks after commit so that a user's save never waits on, or fails with, the
broker.

`enqueue_on_commit(task, *args)` writes an `OutboxMessage` in the caller's transaction and, once
it commits, publishes it with a short timeout and no retries. A message the broker did not take
stays in the table; `send_pending()` — run after every publish, by the periodic task
`portal.tasks.send_outbox` and by `manage.py send_outbox` — sends it when the broker is back.
A message may thus arrive twice (sent, then the delete lost): tasks must be idempotent.
See docs/operations.md.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F

from portal.celery import app
from portal.models import OutboxMessage

logger = logging.getLogger(__name__)

# How many waiting messages one call sends; the rest go with the next call.
BATCH = 100


def enqueue_on_commit(task, *args, **kwargs):
    """Run `task(*args, **kwargs)` once the current transaction commits.

    `task` is a task or its registered name: a module below an app's `tasks.py` (the importer,
    search syncing) names the task instead of importing the module that imports it back.
    Without a broker (development, tests) the task runs eagerly after commit, as before.
    Arguments must be JSON values (ids, not objects).
    """
    name = task if isinstance(task, str) else task.name
    if app.conf.task_always_eager:
        transaction.on_commit(lambda: app.tasks[name].delay(*args, **kwargs))
        return
    OutboxMessage.objects.create(task=name, args=list(args), kwargs=kwargs)
    # Robust: whatever happens while publishing, the user's save has committed and answers.
    transaction.on_commit(send_pending, robust=True)


def send_pending(limit=BATCH) -> int:
    """Publish waiting messages oldest first, stopping at the first broker failure.

    Rows are locked with SKIP LOCKED, so two processes sending at once never send one message
    twice. Returns how many were sent.
    """
    with transaction.atomic():
        waiting = list(OutboxMessage.objects.select_for_update(skip_locked=True)[:limit])
        if not waiting:
            return 0
        published = []
        try:
            with _connection() as connection:
                for message in waiting:
                    app.send_task(
                        message.task,
                        args=message.args,
                        kwargs=message.kwargs,
                        connection=connection,
                        retry=False,  # the outbox is the retry
                        ignore_result=True,  # no result-backend round trip while publishing
                    )
                    published.append(message.pk)
        # Kombu, redis-py and amqp each raise their own errors for a broker that is down or
        # slow; any of them means «try later», never a failed request.
        except Exception as error:
            failed = waiting[len(published)]
            OutboxMessage.objects.filter(pk=failed.pk).update(
                attempts=F("attempts") + 1, last_error=str(error)[:1000]
            )
            logger.warning("Broker unavailable (%s): %s and later tasks wait", error, failed)
        OutboxMessage.objects.filter(pk__in=published).delete()
    return len(published)


def send_all() -> int:
    """Send everything waiting, batch after batch, until the outbox is empty or the broker
    refuses. Returns how many were sent."""
    total = 0
    while sent := send_pending():
        total += sent
    return total


def _connection():
    timeout = settings.CELERY_PUBLISH_TIMEOUT
    return app.connection_for_write(
        connect_timeout=timeout,
        transport_options={
            "max_retries": 0,
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
        },
    )

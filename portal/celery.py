"""Celery application: eager when no broker is configured, a real worker otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
# The default for every thread, not only the importing one: a task proxy resolved in another
# thread (the live server of browser tests, a web worker's thread) must find the same tasks.
app.set_default()
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

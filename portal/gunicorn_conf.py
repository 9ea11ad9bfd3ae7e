"""Gunicorn settings for production: `gunicorn -c portal/gunicorn_conf.py portal.wsgi`.

Every value can be overridden from the environment, so one file serves every app server.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", os.environ.get("WEB_CONCURRENCY", "2")))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak never grows into an outage; the jitter keeps
# the workers from restarting all at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# Load Django once in the master: workers share its memory pages and start faster.
preload_app = True

# Logs go to the standard streams, where the process supervisor collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# The TLS-terminating proxy in front of the app servers sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """Move what the master loaded (Django, the apps, the dictionaries) out of the garbage
    collector's sight before a worker forks: a collection in the worker writes to every object
    it tracks, which copies each page of the master's heap into the worker's own memory."""
    gc.freeze()

"""Production mode: loud failures on missing secrets, a clean `check --deploy`, static files,
S3 media, logs on stdout and the gunicorn configuration.

Settings are read once per process, so every scenario runs in a fresh Python subprocess.
"""

import gc
import json
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_IN_PRODUCTION = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST", "REDIS_URL"]
# Variables of the developer's shell that would make the scenarios depend on the machine.
LEAKY_VARIABLES = [
    "DEBUG",
    "CELERY_BROKER_URL",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "EMAIL_BACKEND",
    "STATIC_ROOT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "TRUSTED_PROXIES",
]


def database_url(database: dict) -> str:
    """The URL of the server the tests use, whether reached by TCP or by a Unix socket."""
    host = database["HOST"] or database["OPTIONS"].get("host", "")
    socket = host.startswith("/")
    netloc = "" if socket else host
    port = f":{database['PORT']}" if database["PORT"] else ""
    credentials = f"{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
    query = f"?host={quote(host, safe='')}" if socket else ""
    return f"postgresql://{credentials}@{netloc}{port}/{database['NAME']}{query}"


def production_env(**overrides):
    env = {key: value for key, value in os.environ.items() if key not in LEAKY_VARIABLES}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="xn--80aaldbcrxbqhfbq.xn--p1ai,www.example.ru",
        DATABASE_URL=database_url(settings.DATABASES["default"]),
        EMAIL_HOST="smtp.example.ru",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    env.update(overrides)
    return env


def run_python(args, env, timeout=60):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize("variable", REQUIRED_IN_PRODUCTION)
def test_production_refuses_to_start_without_a_required_variable(variable):
    env = production_env()
    del env[variable]
    result = run_python(["-c", "import portal.settings"], env)
    assert result.returncode != 0
    assert f"Environment variable {variable} is required in production" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = run_python(["-c", "import portal.settings"], production_env(DEBUG="1"))
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


def test_check_deploy_reports_no_warnings_in_production(db):
    command = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = run_python(command, production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output


def test_collectstatic_writes_hashed_names_in_production(tmp_path):
    env = production_env(STATIC_ROOT=str(tmp_path))
    result = run_python(["manage.py", "collectstatic", "--noinput"], env, timeout=120)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/portal.css"]
    assert hashed != "css/portal.css"
    assert (tmp_path / hashed).is_file()
    # Whitenoise serves the pre-compressed copy to browsers that accept gzip.
    assert (tmp_path / f"{hashed}.gz").is_file()


STORAGE_PROBE = "from portal import settings; print(settings.STORAGES['default']['BACKEND'])"


def test_media_go_to_s3_when_a_bucket_is_configured():
    env = production_env(AWS_STORAGE_BUCKET_NAME="portal-media", AWS_S3_REGION_NAME="ru-central1")
    result = run_python(["-c", STORAGE_PROBE], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "storages.backends.s3.S3Storage"


def test_media_stay_on_the_local_filesystem_without_a_bucket():
    result = run_python(["-c", STORAGE_PROBE], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.files.storage.FileSystemStorage"


def test_application_logs_go_to_stdout():
    probe = (
        "import django, logging; django.setup(); "
        "logging.getLogger('portal').warning('marker-for-the-log-collector')"
    )
    result = run_python(["-c", probe], production_env())
    assert result.returncode == 0, result.stderr
    assert "marker-for-the-log-collector" in result.stdout
    assert "marker-for-the-log-collector" not in result.stderr


GUNICORN_VARIABLES = ["GUNICORN_BIND", "GUNICORN_WORKERS", "WEB_CONCURRENCY"]


def load_gunicorn_config(monkeypatch, **env):
    for name in GUNICORN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "portal" / "gunicorn_conf.py"))


def test_gunicorn_listens_on_loopback_by_default_and_logs_requests_to_stdout(monkeypatch):
    config = load_gunicorn_config(monkeypatch)
    assert config["bind"] == "127.0.0.1:8000"
    assert config["accesslog"] == "-"
    assert config["preload_app"] is True
    assert config["max_requests"] > 0
    assert 0 < config["max_requests_jitter"] < config["max_requests"]


def test_gunicorn_hides_the_masters_objects_from_the_workers_garbage_collector(monkeypatch):
    config = load_gunicorn_config(monkeypatch)
    try:
        config["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_gunicorn_takes_address_and_worker_count_from_the_environment(monkeypatch):
    config = load_gunicorn_config(monkeypatch, GUNICORN_BIND="0.0.0.0:9000", GUNICORN_WORKERS="5")
    assert config["bind"] == "0.0.0.0:9000"
    assert config["workers"] == 5

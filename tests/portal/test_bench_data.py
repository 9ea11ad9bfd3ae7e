"""Benchmark data generator, the trivial baseline view, and the pieces of the bench runner."""

import importlib
import io
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import NoReverseMatch, clear_url_caches, reverse

from bench.database import BENCH_DATABASE_NAME, _with_database, bench_database_url
from bench.load import parse_wrk, run_wrk
from bench.report import PageResult, verdicts
from portal import bench
from portal.accounts import roles
from portal.municipalities.models import Municipality

# 30 users: small enough for a unit test, large enough to spread over municipalities.
TINY_SCALE = 30 / bench.USERS_AT_SCALE_1


def generate(scale=TINY_SCALE):
    out = io.StringIO()
    bench.generate(scale, out)
    return out.getvalue()


def test_generator_creates_users_spread_over_the_municipalities(db):
    generate()
    users = bench.bench_users()
    assert users.count() == 30
    assert users.values("municipality").distinct().count() > 1
    assert not users.filter(municipality__isnull=True).exists()
    assert not users.filter(is_staff=True).exists()


def test_verified_bench_users_are_employees_with_a_confirmed_email(db):
    generate()
    verified = bench.bench_users().filter(is_verified=True)
    assert verified.exists()
    assert verified.filter(groups__name=roles.EMPLOYEE).count() == verified.count()
    assert not bench.bench_users().filter(is_verified=False, groups__isnull=False).exists()
    confirmed = EmailAddress.objects.filter(
        verified=True, primary=True, user__in=bench.bench_users()
    )
    assert confirmed.count() == 30


def test_every_bench_user_signs_in_with_the_bench_password(db):
    generate()
    user = bench.login_user()
    assert user.check_password(bench.BENCH_PASSWORD)
    assert user.is_verified


def test_running_the_generator_again_at_the_same_scale_adds_nothing(db):
    generate()
    output = generate()
    assert bench.bench_users().count() == 30
    assert "already there" in output


def test_a_larger_scale_adds_only_the_missing_users(db):
    generate()
    generate(TINY_SCALE * 2)
    emails = list(bench.bench_users().order_by("email").values_list("email", flat=True))
    assert emails == [bench.email_for(number) for number in range(60)]


def test_users_are_written_in_batches_that_resume_where_the_last_one_stopped(db, monkeypatch):
    monkeypatch.setattr(bench, "BATCH_SIZE", 7)
    generate()
    assert bench.bench_users().count() == 30
    assert EmailAddress.objects.filter(user__in=bench.bench_users()).count() == 30


def test_generator_says_what_is_missing_when_there_are_no_municipalities(db):
    Municipality.objects.update(parent=None)
    Municipality.objects.all().delete()
    with pytest.raises(CommandError, match="No municipalities"):
        generate()


def test_command_runs_every_app_generator_with_the_scale(db, monkeypatch):
    calls = []
    fake_apps = [
        SimpleNamespace(__name__=name, generate=lambda scale, out, name=name: calls.append(name))
        for name in ("portal.bench", "navigator.bench")
    ]
    monkeypatch.setattr("portal.bench.app_modules", lambda name: fake_apps)
    out = io.StringIO()
    call_command("generate_bench_data", "--scale", "0.5", stdout=out)
    assert calls == ["portal.bench", "navigator.bench"]
    assert "масштаб 0.5" in out.getvalue()


def fake_bench_modules(monkeypatch, names):
    calls = []
    modules = [
        SimpleNamespace(__name__=f"{name}.bench", generate=lambda s, o, n=name: calls.append(n))
        for name in names
    ]
    monkeypatch.setattr("portal.bench.app_modules", lambda kind: modules)
    return calls


def test_command_limited_to_some_apps_still_generates_the_portal_users_first(db, monkeypatch):
    calls = fake_bench_modules(monkeypatch, ["portal", "legal_vector", "practices", "dialog"])
    call_command("generate_bench_data", "--apps", "dialog, practices", stdout=io.StringIO())
    assert calls == ["portal", "practices", "dialog"]


def test_command_refuses_an_app_without_bench_data(db, monkeypatch):
    calls = fake_bench_modules(monkeypatch, ["portal", "practices"])
    with pytest.raises(CommandError, match="praktices"):
        call_command("generate_bench_data", "--apps", "praktices", stdout=io.StringIO())
    assert calls == []


def test_the_runner_passes_the_chosen_apps_to_the_generator(monkeypatch):
    from bench import run

    commands = []
    monkeypatch.setattr(run, "manage", lambda args, env: commands.append(args))
    monkeypatch.setattr(run, "has_command", lambda name: False)
    options = run.parse_args(["--apps", "practices,dialog", "--scale", "0.5"])
    assert options.apps == {"practices", "dialog"}
    run.prepare(options.scale, {}, {}, options.apps)
    assert ["generate_bench_data", "--scale", "0.5", "--apps", "dialog,practices"] in commands
    run.prepare(1.0, {}, {})
    assert ["generate_bench_data", "--scale", "1"] in commands


def test_command_refuses_to_fill_a_production_database(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="боевом режиме"):
        call_command("generate_bench_data", "--scale", "0.0001", stdout=io.StringIO())
    assert not bench.bench_users().exists()


def test_trivial_view_answers_a_short_plain_text():
    response = bench.trivial_view(RequestFactory().get("/bench/trivial"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


@pytest.fixture
def reload_urls(settings):
    import portal.urls

    def reload(enabled):
        settings.BENCH_TRIVIAL_VIEW = enabled
        importlib.reload(portal.urls)
        clear_url_caches()

    yield reload
    reload(False)


def test_trivial_view_is_routed_only_when_the_bench_asks_for_it(client, db, reload_urls):
    reload_urls(False)
    with pytest.raises(NoReverseMatch):
        reverse("bench_trivial")
    reload_urls(True)
    assert reverse("bench_trivial") == "/bench/trivial"
    assert client.get("/bench/trivial").content == b"ok"


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8123/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.10ms    1.02ms  31.22ms   91.10%
    Req/Sec     0.98k   120.00     1.20k    70.00%
  Latency Distribution
     50%  850.00us
     75%    4.50ms
     90%    5.20ms
     99%    1.20s
  19623 requests in 10.01s, 4.10MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   1960.37
Transfer/sec:    419.61KB
"""


def test_wrk_output_is_read_as_rate_latencies_in_milliseconds_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests_per_second == pytest.approx(1960.37)
    assert result.p50_ms == pytest.approx(0.85)
    assert result.p99_ms == pytest.approx(1200.0)
    assert result.requests == 19623
    assert result.errors == 3


def test_the_rate_a_distinct_script_prints_replaces_wrks_rate_over_its_duration():
    result = parse_wrk(WRK_OUTPUT + "Distinct requests/sec: 2400.50\n")
    assert result.requests_per_second == pytest.approx(2400.5)


def test_wrk_output_without_percentiles_is_rejected():
    with pytest.raises(ValueError, match="wrk"):
        parse_wrk("Requests/sec: 10\n")


@pytest.mark.parametrize(
    "url", ["http://example.ru/", "http://10.0.0.5:8000/", "http://localhost/"]
)
def test_the_bench_never_loads_anything_but_the_loopback_address(url):
    with pytest.raises(ValueError, match="127.0.0.1"):
        run_wrk("/bin/false", url)


def page(name, ratio):
    return PageResult(name, "/", False, 200, 1, 1, ratio=ratio)


def test_targets_pass_at_the_required_ratios_and_memory():
    checks = verdicts([page("home", 0.30), page("cabinet", 0.10)], peak_rss_mb=299)
    assert [passed for _label, passed in checks] == [True, True, True]


def test_targets_fail_below_the_ratios_over_the_memory_limit_or_without_a_page():
    checks = verdicts([page("home", 0.29)], peak_rss_mb=300)
    assert [passed for _label, passed in checks] == [False, False, False]


def test_bench_database_is_a_separate_database_on_the_same_server():
    url = _with_database("postgresql://postgres:@/portal?host=/srv/pg", BENCH_DATABASE_NAME)
    assert url == "postgresql://postgres:@/portal_bench?host=/srv/pg"


def test_bench_database_url_from_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("BENCH_DATABASE_URL", "postgresql://bench@127.0.0.1:5432/bench")
    assert bench_database_url(tmp_path) == "postgresql://bench@127.0.0.1:5432/bench"


def test_every_ratio_target_names_a_page_the_bench_loads(db):
    from bench.run import registered_pages, registered_targets
    from tests.portal.test_bench_apps import generate_service_apps

    generate_service_apps()  # their pages are addresses of generated rows

    targets = registered_targets()
    loaded = {name for name, _path, _login in registered_pages()}
    assert set(targets) <= loaded
    assert targets["legal: ask"] == 0.03
    assert targets["navigator: list, guest, no filter"] == 0.30


def test_a_run_limited_to_some_apps_loads_and_judges_only_their_pages(db):
    from bench.distinct import registered_distinct_targets, registered_families
    from bench.run import registered_pages, registered_targets
    from tests.portal.test_bench_apps import generate_service_apps

    generate_service_apps()
    apps = {"practices", "dialog"}
    names = {name for name, _path, _login in registered_pages(apps)}
    assert "trivial" in names
    assert {name.split(":")[0] for name in names - {"trivial"}} == apps
    assert set(registered_targets(apps)) <= names
    assert "home" in {name for name, _path, _login in registered_pages({"portal"})}
    assert "home" in registered_targets({"portal"})
    families = {built.name.split(":")[0] for built in registered_families(apps)}
    assert families == apps
    assert {name.split(":")[0] for name in registered_distinct_targets(apps)} == apps


def test_each_load_waits_until_requests_left_queued_by_the_last_one_are_served(monkeypatch):
    from bench import run

    answers = iter([0.5, TimeoutError(), 0.3, 0.01])
    clock = {"now": 0.0}

    def slow_get(port, path, cookie=""):
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        clock["now"] += answer
        return 200, b"ok"

    monkeypatch.setattr(run, "get", slow_get)
    monkeypatch.setattr(run.time, "monotonic", lambda: clock["now"])
    server = SimpleNamespace(port=1)
    assert run.settle(server) is True
    assert next(answers, "all used") == "all used"


def test_settling_gives_up_after_its_time_and_the_load_goes_on(monkeypatch):
    from bench import run

    clock = {"now": 0.0}

    def busy_get(port, path, cookie=""):
        clock["now"] += 1.0
        return 200, b"ok"

    monkeypatch.setattr(run, "get", busy_get)
    monkeypatch.setattr(run.time, "monotonic", lambda: clock["now"])
    assert run.settle(SimpleNamespace(port=1), seconds=5) is False
    assert clock["now"] == 5.0

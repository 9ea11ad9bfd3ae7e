"""Distinct mode of the bench: many different addresses per page family, built from the data."""

import io
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.utils.encoding import iri_to_uri

from bench.distinct import (
    family,
    lua_script,
    registered_families,
    sampled,
    users_family,
    word_pairs,
)
from bench.load import ensure_wrk, run_wrk
from bench.report import PageResult, print_distinct_table
from legal_vector import bench as legal_bench
from navigator import bench as navigator_bench
from portal import bench as portal_bench
from tests.portal.test_bench_apps import generate_service_apps


def test_word_pairs_are_distinct_neighbouring_long_words():
    texts = [
        "Глава поселения утверждает правила благоустройства территории.",
        "Глава поселения утверждает правила благоустройства территории.",
        "Органы местного самоуправления принимают устав.",
        "и в на",
    ]
    pairs = word_pairs(texts, 9)  # as many as the texts have neighbouring pairs
    assert len(pairs) == 9 == len(set(pairs))
    assert all(len(word) >= 5 and word.isalpha() and word.islower() for p in pairs for word in p)
    joined = [" ".join(pair) for pair in pairs]
    assert all(pair in " ".join(texts).lower() for pair in joined)


def test_repetitive_texts_still_give_as_many_pairs_as_they_hold():
    text = "Администрация поселения утверждает муниципальную программу развития"
    pairs = word_pairs([text] * 50, 20)
    # Five pairs of neighbours, four of words two apart, three of words three apart: each once,
    # though the text repeats; neighbours first.
    assert len(pairs) == 12 == len(set(pairs))
    words = text.lower().split()
    assert set(pairs[:5]) == set(zip(words, words[1:], strict=False))
    assert ("администрация", "муниципальную") in pairs


@pytest.mark.django_db
def test_a_sample_is_random_but_the_same_in_every_run():
    from portal.municipalities.models import Region  # the regions the migrations load

    regions = Region.objects.exclude(code="01")
    total = regions.count()
    assert total > 20
    first = list(sampled(regions, 10, seed=3).values_list("pk", flat=True))
    assert first == list(sampled(regions, 10, seed=3).values_list("pk", flat=True))
    assert len(first) == 10 == len(set(first)) and first == sorted(first)
    assert not regions.model.objects.filter(pk__in=first, code="01").exists()
    assert first != list(sampled(regions, 10, seed=4).values_list("pk", flat=True))
    assert first != list(regions.order_by("pk").values_list("pk", flat=True)[:10])
    assert sampled(regions, total + 50, seed=3).count() == total  # no more than there are


def test_a_family_drops_repeats_and_sends_only_ascii():
    built = family("поиск", ["/legal/search/?q=бюджет", "/legal/search/?q=бюджет", "/x/"])
    assert built.paths == (iri_to_uri("/legal/search/?q=бюджет"), "/x/")
    assert all(path.isascii() for path in built.paths)


class _Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # connections kept open, as gunicorn keeps them
    asked: list

    def do_GET(self):  # noqa: N802 — the handler's name in http.server
        self.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def recording_server():
    """A loopback HTTP server of this test's own that records the paths asked."""
    handler = type("Recorder", (_Recorder,), {"asked": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, handler.asked
    server.shutdown()
    server.server_close()


def test_the_wrk_script_sends_every_path_once_and_reports_the_rate_over_their_time(
    tmp_path, recording_server
):
    server, asked = recording_server
    paths = [f"/navigator/?kind=k{number}" for number in range(60)]
    script = lua_script("navigator: list", paths, tmp_path, threads=2)
    seconds = 3

    result = run_wrk(
        ensure_wrk(),
        f"http://127.0.0.1:{server.server_port}/",
        threads=2,
        connections=4,
        seconds=seconds,
        script=script,
    )

    assert set(asked) == set(paths)
    # Only a connection asking after its thread's share was sent repeats a path.
    assert len(asked) - len(paths) <= 4
    # The rate is over the time the 60 requests took, not spread over wrk's 3 seconds.
    assert result.requests_per_second > 2 * len(paths) / seconds
    assert result.requests >= len(paths)


def test_a_users_family_asks_one_address_as_each_user_with_their_own_cookie(tmp_path):
    built = users_family("моё", "/academy/my/", ["a@x.ru", "b@x.ru", "a@x.ru"])
    assert built.visits() == [("/academy/my/", "a@x.ru"), ("/academy/my/", "b@x.ru")]
    cookies = ["sessionid=one", "sessionid=two"]
    script = lua_script("моё", built.paths, tmp_path, cookies).read_text()
    assert '"sessionid=one",\n  "sessionid=two"' in script
    assert '{["Cookie"] = cookies[i]}' in script
    assert family("x", ["/x/"], True).visits() == [("/x/", True)]


def test_wrk_is_given_the_script_for_distinct_addresses(monkeypatch, tmp_path):
    commands = []

    def fake_run(command, **kwargs):
        commands.append(command)
        raise subprocess.CalledProcessError(1, command)

    monkeypatch.setattr(subprocess, "run", fake_run)
    with pytest.raises(subprocess.CalledProcessError):
        run_wrk("wrk", "http://127.0.0.1:9/x/", script=tmp_path / "s.lua")
    assert commands[0][-3:] == ["-s", str(tmp_path / "s.lua"), "http://127.0.0.1:9/x/"]


def test_the_distinct_table_judges_ratios_and_first_time_answers(capsys):
    fast = PageResult("поиск", "400 адресов", False, 200, 0, 0, ratio=0.04, cold_ms=120)
    slow = PageResult("список", "400 адресов", False, 200, 0, 0, ratio=0.01, cold_ms=480)
    checks = print_distinct_table(
        [fast, slow],
        1,
        150,
        {"поиск": 0.03, "список": 0.05},
        {"поиск": 150, "список": 150},
        with_memory=True,
    )
    verdicts = [passed for _label, passed in checks]
    assert verdicts == [True, False, True, False, True]
    assert "Разные адреса" in capsys.readouterr().out


@pytest.mark.django_db
def test_every_address_of_every_family_answers(client, employee):
    """The families are built from generated bench data; a broken address would make the load
    measure error pages."""
    legal_bench.generate(0.002, io.StringIO())
    navigator_bench.generate(0.01, io.StringIO())
    generate_service_apps()
    learner = Client()
    learner.force_login(portal_bench.login_user())
    families = registered_families()
    names = {built.name for built in families}
    assert {
        "legal: search, distinct word pairs",
        "legal: document, distinct documents",
        "legal: ask, distinct questions",
        "site search, distinct word pairs",
        "navigator: list, distinct facet combinations",
        "navigator: measure page, distinct measures",
    } <= names
    client.force_login(employee)
    for built in families:
        assert len(built.paths) >= 10, built.name
        for path, login in built.visits()[:15]:
            answering = client
            if login is True:
                answering = learner
            elif login:
                answering = Client()
                answering.force_login(portal_bench.user_for(login))
            assert answering.get(path).status_code == 200, path


def test_distinct_mode_is_chosen_on_the_command_line():
    from bench.run import parse_args

    assert parse_args([]).mode == "both"
    assert parse_args(["--mode", "distinct"]).mode == "distinct"
    assert parse_args(["--mode", "repeat"]).mode == "repeat"

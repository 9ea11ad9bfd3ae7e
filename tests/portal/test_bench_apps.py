"""Bench data of the service apps (dialog, practices, academy): each generator fills its tables,
a second run adds nothing, and every page the bench loads answers at a tiny scale."""

import importlib
import io

import pytest
from django.test import Client

from portal import bench as portal_bench
from portal.community.models.comments import Comment

TINY_SCALE = 0.0005
APPS = ["practices", "dialog", "academy"]


def _generate(module):
    out = io.StringIO()
    portal_bench.generate(TINY_SCALE, out)
    module.generate(TINY_SCALE, out)
    return out.getvalue()


def generate_service_apps():
    """Bench users and a tiny share of every service app's data."""
    for app in APPS:
        _generate(importlib.import_module(f"{app}.bench"))


def _counts(module):
    """Row counts of the tables the app's generator writes."""
    from django.apps import apps

    app = module.__name__.split(".")[0]
    models = [*apps.get_app_config(app).get_models(), Comment]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(params=APPS)
def module(request):
    return importlib.import_module(f"{request.param}.bench")


def test_generator_creates_rows_and_a_second_run_adds_nothing(db, module):
    _generate(module)
    first = _counts(module)
    assert first[module.MAIN_MODEL.__name__] > 0, first
    _generate(module)
    assert _counts(module) == first


def test_every_bench_page_answers(db, client, module):
    _generate(module)
    clients = {}

    def client_for(login):
        """The anonymous client, or one signed in as the user the page names."""
        if not login:
            return client
        if login not in clients:
            clients[login] = Client()
            clients[login].force_login(portal_bench.user_for(login))
        return clients[login]

    urls = module.BENCH_URLS() if callable(module.BENCH_URLS) else module.BENCH_URLS
    for name, path, needs_login in urls:
        answer = client_for(needs_login).get(path)
        assert answer.status_code == 200, (name, path)
    for family in module.BENCH_FAMILIES():
        assert family.paths, family.name
        for path, login in family.visits()[:10]:
            answer = client_for(login).get(path)
            assert answer.status_code == 200, (family.name, path)


def test_the_course_reports_are_read_by_a_regional_manager_who_sees_learners(db):
    academy = importlib.import_module("academy.bench")
    _generate(academy)
    manager = Client()
    manager.force_login(academy.report_manager())
    name, path, login = next(url for url in academy.BENCH_URLS() if "report" in url[0])
    assert login == academy.report_manager().email
    answer = manager.get(path)
    assert answer.status_code == 200
    assert answer.context["level"] == "municipality"
    assert answer.context["rows"], "the report of the busiest region lists municipalities"
    signed_in = Client()
    signed_in.force_login(portal_bench.login_user())
    assert signed_in.get(path).status_code == 403


def test_the_long_thread_is_on_the_first_item(db):
    practices = importlib.import_module("practices.bench")
    _generate(practices)
    first = practices.bench_practices().get(slug=f"{practices.PREFIX}0000001")
    assert Comment.objects.for_item(first).count() == practices.LONG_THREAD

"""Bench data of the service apps (dialog, practices, academy): each generator fills its tables,
a second run adds nothing, and every page the bench loads answers at a tiny scale."""

import importlib
import io

import pytest

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
    from django.test import Client

    _generate(module)
    signed_in = Client()
    signed_in.force_login(portal_bench.login_user())
    urls = module.BENCH_URLS() if callable(module.BENCH_URLS) else module.BENCH_URLS
    for name, path, needs_login in urls:
        answer = (signed_in if needs_login else client).get(path)
        assert answer.status_code == 200, (name, path)
    for family in module.BENCH_FAMILIES():
        assert family.paths, family.name
        for path in family.paths[:10]:
            answer = (signed_in if family.needs_login else client).get(path)
            assert answer.status_code == 200, (family.name, path)


def test_the_long_thread_is_on_the_first_item(db):
    practices = importlib.import_module("practices.bench")
    _generate(practices)
    first = practices.bench_practices().get(slug=f"{practices.PREFIX}0000001")
    assert Comment.objects.for_item(first).count() == practices.LONG_THREAD

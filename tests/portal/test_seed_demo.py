import types
from importlib.util import find_spec
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from portal import registry
from portal.pages import demo as pages_demo
from portal.pages.models import EventPage, HomePage, NewsPage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_pages_demo(monkeypatch):
    """Other apps' demo modules are tested by their owners; here only the page tree runs."""
    modules = [pages_demo]
    monkeypatch.setattr("portal.registry.app_modules", lambda name: iter(modules))
    return modules


def test_seed_demo_builds_the_page_tree_at_the_site_root(client, only_pages_demo, settings):
    call_command("seed_demo", stdout=StringIO())
    home = HomePage.objects.get()
    assert home.get_site().root_page_id == home.pk
    assert NewsPage.objects.live().count() >= 10
    assert EventPage.objects.upcoming().count() >= 3
    assert EventPage.objects.past().count() >= 1
    for url in ["/about/", "/help/", "/privacy/", "/terms/", "/news/", "/events/"]:
        assert client.get(url).status_code == 200, url
    privacy = StandardPage.objects.get(slug="privacy")
    assert privacy.document_version == settings.PRIVACY_POLICY_VERSION


def test_seed_demo_twice_creates_nothing_new(only_pages_demo):
    call_command("seed_demo", stdout=StringIO())
    counts = (NewsPage.objects.count(), EventPage.objects.count(), StandardPage.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert HomePage.objects.count() == 1
    assert counts == (
        NewsPage.objects.count(),
        EventPage.objects.count(),
        StandardPage.objects.count(),
    )


def test_seed_demo_refuses_to_run_in_production(settings, only_pages_demo):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())
    assert not HomePage.objects.exists()


def test_a_failing_app_is_reported_while_the_others_are_seeded(monkeypatch):
    seeded = []

    def working(stdout):
        seeded.append("workingapp")

    def broken(stdout):
        raise RuntimeError("нет справочника")

    modules = [
        types.SimpleNamespace(__name__="brokenapp.demo", seed=broken),
        types.SimpleNamespace(__name__="workingapp.demo", seed=working),
    ]
    monkeypatch.setattr("portal.registry.app_modules", lambda name: iter(modules))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="brokenapp"):
        call_command("seed_demo", stdout=out, stderr=err)
    assert seeded == ["workingapp"]
    assert "Ошибка в brokenapp.demo.seed: RuntimeError('нет справочника')" in err.getvalue()
    assert "с ошибками: brokenapp" in out.getvalue()
    assert "приложения: workingapp" in out.getvalue()


@pytest.mark.parametrize("kind", ["demo", "bench"])
def test_every_app_registers_its_demo_and_bench_modules_lower_layers_first(kind):
    on_disk = [f"{app}.{kind}" for app in settings.PORTAL_APPS if find_spec(f"{app}.{kind}")]
    registered = [module.__name__ for module in registry.app_modules(kind)]
    assert sorted(registered) == sorted(on_disk)
    layers = ["portal", "legal_vector", "navigator", "practices", "academy"]
    first_of_layer = [
        next(i for i, name in enumerate(registered) if name.startswith(layer))
        for layer in layers
        if any(name.startswith(layer) for name in registered)
    ]
    assert first_of_layer == sorted(first_of_layer)

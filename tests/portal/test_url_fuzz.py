"""No input makes a 500: every URL pattern of the resolver, fed NUL bytes, control characters,
overlong, wrong-type and unknown values in its path and query, as a guest and as an employee.

The patterns are read from the resolver when the tests are collected, so a new app's URLs are
covered as soon as they are routed. Path arguments get real values from objects made by every
factory of the suite (once for the module, rolled back after it), matched by the argument's
name («course_id» → a course) or by the path segment before it («documents/<int:pk>» → a
document); the fuzzed variants then replace one argument at a time.
"""

import contextlib
import importlib
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import django_filters
import pytest
from django.apps import apps
from django.db import models, transaction
from django.urls import URLResolver, converters, get_resolver
from django.utils.regex_helper import normalize
from factory.django import DjangoModelFactory

from portal.accounts import roles
from tests.factories import UserFactory

# Also makes pytest-django set up the test database before the module's samples are made.
pytestmark = pytest.mark.django_db

# Query parameters the portal's views read, plus every FilterSet's fields (added below).
COMMON_PARAMS = [
    "q", "page", "region", "municipality", "topic", "unit", "sphere", "direction", "type",
    "kind", "status", "sort", "order", "from", "to", "date", "as_of", "year", "mine", "next",
    "format", "fmt", "part", "view", "tab", "token", "id", "pk", "slug", "level", "stage",
]  # fmt: skip
NUL = "a\x00b"
CONTROL = "\x01\x08\x1b\x7f"
OVERLONG = "я" * 3000
WRONG_TYPES = ["abc", "-1", "99999999999999999999", "1.5e308", "2025-13-45", "../../etc/passwd"]
UNKNOWN = "нет-такого-значения"
# Django admin and Wagtail admin: hundreds of patterns that guests and employees never get
# past the sign-in and two-factor checks of; each gets one request per role.
ADMIN_PREFIXES = ("admin/", "cms/")


@dataclass
class Route:
    parts: list  # the patterns from the root resolver down to the view's
    callback: object

    @property
    def text(self):
        return "".join(str(part) for part in self.parts)

    @property
    def app_label(self):
        return self.callback.__module__.split(".")[0]


def _walk(patterns, parts=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, (*parts, pattern.pattern))
        else:
            yield Route([*parts, pattern.pattern], pattern.callback)


ROUTES = list(_walk(get_resolver().url_patterns))


def _filter_params():
    names = set()
    todo = list(django_filters.FilterSet.__subclasses__())
    while todo:
        filterset = todo.pop()
        todo.extend(filterset.__subclasses__())
        names.update(getattr(filterset, "base_filters", {}))
    return sorted(names)


PARAMS = sorted(set(COMMON_PARAMS) | set(_filter_params()))


def _arguments(route):
    """(name, converter, segment before it) of each path argument, in order."""
    found = []
    for part in route.parts:
        pattern_converters = getattr(part, "converters", {})
        text = str(part)
        for format_string, names in normalize(part.regex.pattern)[:1]:
            for name in names:
                marker = f"%({name})s"
                before = format_string.split(marker)[0].rstrip("/").rsplit("/", 1)[-1]
                found.append((name, pattern_converters.get(name), before or text))
    return found


def _build(route, values):
    path = ""
    for part in route.parts:
        format_string, names = normalize(part.regex.pattern)[0]
        path += format_string % {name: values.get(name, "") for name in names}
    return "/" + path


def _singular(word):
    word = word.lower().replace("-", "").replace("_", "")
    for ending in ("ies", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


class Samples:
    """Real values for path arguments, read from the demo content."""

    def __init__(self):
        self.by_model = {}
        for model in apps.get_models():
            row = model._default_manager.order_by("pk").first()
            if row is not None:
                self.by_model[model] = row

    def value(self, route, name, converter, before):
        stem = re.sub(r"(_id|_pk)$", "", name) if name not in {"pk", "id"} else before
        row = self._row_for(_singular(stem), route.app_label) or self._row_for(
            _singular(before), route.app_label
        )
        if isinstance(converter, converters.IntConverter):
            return str(row.pk) if row is not None else "1"
        if isinstance(converter, converters.UUIDConverter):
            field = _field_of(row, models.UUIDField)
            return str(getattr(row, field)) if field else str(uuid.uuid4())
        if isinstance(converter, converters.SlugConverter):
            field = _field_of(row, models.SlugField)
            return getattr(row, field) if field else "demo"
        return "1" if name.startswith("_") else "demo"

    def _row_for(self, stem, app_label):
        if not stem:
            return None
        matches = [
            (model._meta.app_label != app_label, model)
            for model in self.by_model
            if model._meta.model_name == stem or model._meta.model_name.endswith(stem)
        ]
        return (
            self.by_model[min(matches, key=lambda m: (m[0], len(m[1]._meta.model_name)))[1]]
            if matches
            else None
        )


def _field_of(row, field_class):
    if row is None:
        return None
    return next((f.name for f in row._meta.fields if isinstance(f, field_class)), None)


def _path_variants(converter):
    wrong = ["abc"] if not isinstance(converter, converters.StringConverter) else ["123"]
    if isinstance(converter, converters.IntConverter):
        wrong = ["99999999999999999999", "0"]
    return [NUL, CONTROL, OVERLONG, UNKNOWN, *wrong]


def _factories():
    """Every model factory of the test suite (`tests/factories.py`, `tests/<app>/factories.py`),
    so a new app's objects are there as soon as its factories are."""
    root = Path(__file__).resolve().parents[1]
    for path in [root / "factories.py", *sorted(root.glob("*/factories.py"))]:
        module = importlib.import_module(
            f"tests.{path.relative_to(root).with_suffix('')}".replace("/", ".")
        )
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DjangoModelFactory)
                and value.__module__ == module.__name__
                and value._meta.model is not None
            ):
                yield value


@pytest.fixture(scope="module")
def samples(django_db_setup, django_db_blocker):
    """Two objects of every factory for every test of the module, rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for factory in _factories():
                for _ in range(2):
                    # A factory that needs arguments is skipped; its model's URLs get made-up ids.
                    with contextlib.suppress(Exception), transaction.atomic():
                        factory()
            yield Samples()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


CASES = [pytest.param(route, id=route.text) for route in ROUTES]


def _query(value):
    return urlencode({name: value for name in PARAMS})


def _requests(route, samples):
    """(method, path, data) of every request made for `route`."""
    arguments = _arguments(route)
    real = {
        name: samples.value(route, name, converter, before) for name, converter, before in arguments
    }
    base = _build(route, {k: quote(v, safe="/") for k, v in real.items()})
    if route.text.startswith(ADMIN_PREFIXES):
        yield "get", f"{base}?{_query(NUL)}", None
        return
    for value in [NUL, CONTROL, OVERLONG, *WRONG_TYPES, UNKNOWN]:
        yield "get", f"{base}?{_query(value)}", None
    for name, converter, _ in arguments:
        for value in _path_variants(converter):
            path = _build(route, {**real, name: value})
            yield "get", quote(path, safe="/"), None
    for value in [NUL, OVERLONG]:
        yield "post", base, {name: value for name in PARAMS}


def _probe(client, route, samples):
    failures = []
    for method, path, data in _requests(route, samples):
        try:
            response = getattr(client, method)(path, data) if data else client.get(path)
        except Exception as error:  # the test client re-raises what the view raised
            failures.append(f"{method.upper()} {path[:150]} → {error!r}"[:400])
            continue
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {path[:150]} → {response.status_code}")
    return failures


@pytest.mark.parametrize("route", CASES)
def test_no_input_makes_a_500_for_a_guest(client, samples, route):
    failures = _probe(client, route, samples)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", CASES)
def test_no_input_makes_a_500_for_a_signed_in_employee(client, samples, route):
    client.force_login(UserFactory(roles=[roles.EMPLOYEE]))
    failures = _probe(client, route, samples)
    assert not failures, "\n".join(failures)

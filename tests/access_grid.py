"""The one harness of the access tests: every URL of an app × every role, with its answer.

A grid is a list of cases `(label, method, url, data, outcomes)`: `url(world)` builds the address
from the test's objects, `data` is the POST data (or a callable of the world), and `outcomes`
lists, in the order of the test's roles, a status code, LOGIN (a redirect to sign in) or AWAY
(any other redirect: the action was allowed and went on to a page, or to another site).
"""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve

LOGIN = "login"
AWAY = "away"
SIGN_IN_PATHS = ("/accounts/login/", "/admin/login/")


def answer(response):
    """The response reduced to what a grid states: a status code, LOGIN or AWAY."""
    if response.status_code != 302:
        return response.status_code
    return LOGIN if response["Location"].startswith(SIGN_IN_PATHS) else AWAY


def role_params(grid, roles):
    """One test parameter per case and role: (method, url, data, role, expected)."""
    for label, method, url, data, outcomes in grid:
        for role, expected in zip(roles, outcomes, strict=True):
            yield pytest.param(method, url, data, role, expected, id=f"{label}-{role}")


def url_names(grid, world):
    """The names of the views a grid reaches, to compare with an app's urlpatterns."""
    return {resolve(urlsplit(url(world)).path).url_name for _, _, url, _, _ in grid}

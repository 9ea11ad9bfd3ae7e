"""An item that opted into every community feature, and helpers to act on it.

The engine is generic, so its tests use a plain portal model (a municipality) registered with
all features and an author, exactly as an app registers its own model.
"""

import pytest
from django.urls import reverse

from portal.accounts import roles
from portal.community import registry
from portal.municipalities.models import Municipality
from tests.factories import MunicipalityFactory, UserFactory


@pytest.fixture
def author(db):
    return UserFactory(roles=[roles.EMPLOYEE])


@pytest.fixture
def item(db, author):
    """A municipality standing for any app's item, written by `author`."""
    original = registry.target_for(Municipality)
    registry.register(
        Municipality,
        label="тестовый материал",
        url_of=lambda municipality: f"/test-item/{municipality.pk}/",
        author_of=lambda municipality: author,
        set_hidden=lambda municipality, hidden: setattr(municipality, "_hidden", hidden),
    )
    yield MunicipalityFactory()
    registry._targets[original.key] = original


@pytest.fixture
def verified_users(db):
    return [UserFactory(roles=[roles.EMPLOYEE]) for _ in range(4)]


def url(name, item, **extra):
    return reverse(f"community:{name}", args=["municipalities.municipality", item.pk], **extra)


def comment_on(client, item, text, parent=None):
    data = {"text": text}
    if parent is not None:
        data["parent"] = parent.pk
    return client.post(url("comment", item), data)

"""«Редактор правовой базы»: imports acts, edits documents and editions, manages topics and
search synonyms in Django admin; manages nothing else."""

import pytest
from django.contrib.auth.models import Group

from legal_vector.models import Topic
from portal.accounts import roles
from portal.models import SearchSynonym
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal_editor(db):
    return UserFactory(is_staff=True, roles=[roles.LEGAL_EDITOR])


def test_the_role_is_a_staff_role_created_by_migration():
    group = Group.objects.get(name=roles.LEGAL_EDITOR)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_document", "change_edition", "add_topic", "add_searchsynonym"} <= codenames
    assert roles.LEGAL_EDITOR in roles.STAFF_ROLES


def test_a_legal_editor_imports_and_edits_the_legal_base(cms_client, legal_editor, amended_law):
    client = cms_client(legal_editor)
    assert client.get("/admin/legal_vector/document/upload/").status_code == 200
    assert client.get(f"/admin/legal_vector/document/{amended_law.pk}/change/").status_code == 200
    edition = amended_law.editions.order_by("valid_from").first()
    assert client.get(f"/admin/legal_vector/edition/{edition.pk}/change/").status_code == 200
    client.post(
        "/admin/legal_vector/topic/add/",
        {"name": "Муниципальный контроль", "slug": "municipal-control", "order": 0},
    )
    client.post(
        "/admin/portal/searchsynonym/add/",
        {"term": "МСУ", "expansions": "местное самоуправление", "is_active": "on"},
    )
    assert Topic.objects.filter(slug="municipal-control").exists()
    assert SearchSynonym.objects.filter(term="МСУ").exists()


def test_a_legal_editor_touches_nothing_outside_the_legal_base(cms_client, legal_editor):
    client = cms_client(legal_editor)
    for url in ("/admin/accounts/user/", "/admin/legal_vector/consultation/", "/admin/auth/group/"):
        assert client.get(url).status_code == 403
    assert client.get("/cms/").status_code == 403

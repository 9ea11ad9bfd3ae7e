"""Who may do what in Django admin and Wagtail admin: every ModelAdmin and every Wagtail area
× every role (roles.ALL_ROLES, so a new role joins the grid by itself).

What a role holds is written below, model by model; anything not written is refused. The
administrator (a non-superuser holding the «Администратор» group) gets what a superuser gets,
except other superusers' accounts. Nobody but an administrator ever writes another user's
password, e-mail or activity, in either admin.
"""

from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLResolver
from wagtail.admin import urls as wagtail_admin_urls

from portal.accounts import roles
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

UNVERIFIED = "unverified"
SUPERUSER = "superuser"
COLUMNS = [UNVERIFIED, *roles.ALL_ROLES, SUPERUSER]
TOTP_SECRET = "CMSCLIENTTESTTOTPSECRET234567ABC"

# Django admin: what each role may do with each model ("v"iew, "a"dd, "c"hange, "d"elete).
GRANTS = {
    roles.EDITOR: {
        "navigator.linkcheck": "v",
        "navigator.popularmeasure": "v",
        "navigator.zeroresultsearch": "v",
        "practices.practice": "vd",
    },
    roles.MODERATOR: {
        "accounts.user": "v",
        "accounts.verificationrequest": "vc",
        "accounts.deletionrequest": "vc",
        "accounts.emaildomainallowance": "vacd",
        "accounts.personaldataconsent": "v",
        "community.block": "vac",
        "community.comment": "vc",
        "community.moderationaction": "v",
        "community.moderationcase": "vc",
        "community.moderationreason": "vacd",
        "dialog.cluster": "vac",
        "dialog.extraquestion": "v",
        "dialog.problem": "vc",
        "navigator.linkcheck": "v",
        "navigator.popularmeasure": "v",
        "navigator.zeroresultsearch": "v",
        "practices.adoption": "vcd",
        "practices.contest": "vac",
        "practices.entry": "vacd",
        "practices.practice": "vcd",
    },
    roles.LAWYER: {"legal_vector.consultation": "vc", "legal_vector.qaitem": "vac"},
    roles.EXPERT: {"dialog.problem": "v"},
    roles.LEAD_EXPERT: {
        "dialog.directionsettings": "v",
        "dialog.expertdirection": "v",
        "dialog.extraquestion": "vac",
        "dialog.problem": "v",
    },
    roles.LEGAL_EDITOR: {
        "legal_vector.document": "vacd",
        "legal_vector.edition": "vcd",
        "legal_vector.importjob": "v",
        "legal_vector.reference": "v",
        "legal_vector.legalsearchquery": "v",
        "legal_vector.structuralunit": "v",
        "legal_vector.topic": "vacd",
        "legal_vector.zeroresultquery": "v",
        "portal.searchsynonym": "vacd",
        "portal.sphere": "v",
    },
}

# Wagtail admin: the roles that open each area (the rest are refused); "*" = administrators.
WAGTAIL_EDITORS = {roles.EDITOR, roles.MODERATOR}
WAGTAIL_AREAS = {
    "": {roles.EDITOR, roles.MODERATOR, roles.ACADEMY_ADMIN},
    "collections/": set(),
    "documents/": {roles.EDITOR},
    "forms/": {roles.EDITOR},
    "groups/": set(),
    "images/": {roles.EDITOR},
    "redirects/": set(),
    "sites/": set(),
    "snippets/academy/": {roles.ACADEMY_ADMIN},
    "snippets/navigator/": WAGTAIL_EDITORS,
    "snippets/practices/": WAGTAIL_EDITORS,
    # Moderators see the list of users (view permission) but open no user's edit form.
    "users/": {roles.MODERATOR},
    "workflows/": set(),
}
# Wagtail's collection permissions are not model permissions: only superusers hold them.
SUPERUSER_ONLY_AREAS = {"collections/", "documents/", "forms/", "images/"}


@dataclass
class People:
    by_column: dict
    other: object  # a plain employee, the target of account changes
    superuser_target: object


@pytest.fixture
def people(municipality):
    by_column = {UNVERIFIED: UserFactory(municipality=municipality, is_verified=False)}
    for role in roles.ALL_ROLES:
        by_column[role] = UserFactory(is_staff=role in roles.STAFF_ROLES, roles=[role])
    by_column[SUPERUSER] = UserFactory(is_staff=True, is_superuser=True)
    for user in by_column.values():
        if user.is_staff:
            TOTP.activate(user, TOTP_SECRET)
    return People(
        by_column=by_column,
        other=UserFactory(email="target@example.ru", roles=[roles.EMPLOYEE]),
        superuser_target=UserFactory(email="root@example.ru", is_staff=True, is_superuser=True),
    )


def _rights(model_admin, user, obj=None):
    request = RequestFactory().get("/admin/")
    request.user = user
    checks = {
        "v": model_admin.has_view_permission(request, obj),
        "a": obj is None and model_admin.has_add_permission(request),
        "c": model_admin.has_change_permission(request, obj),
        "d": model_admin.has_delete_permission(request, obj),
    }
    return "".join(letter for letter, allowed in checks.items() if allowed)


def _registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)


@pytest.mark.parametrize("column", COLUMNS)
def test_each_role_holds_exactly_its_django_admin_rights(people, column):
    user = people.by_column[column]
    superuser = people.by_column[SUPERUSER]
    wrong = {}
    for model, model_admin in _registered():
        label = model._meta.label_lower
        if column in (roles.ADMINISTRATOR, SUPERUSER):
            expected = _rights(model_admin, superuser)
            assert "v" in expected, f"{label}: administrators must at least see it"
        else:
            expected = GRANTS.get(column, {}).get(label, "")
        actual = _rights(model_admin, user)
        if actual != expected:
            wrong[label] = f"expected {expected!r}, holds {actual!r}"
    assert not wrong, f"{column}: {wrong}"


def test_the_grid_names_only_registered_models():
    registered = {model._meta.label_lower for model, _ in _registered()}
    for role, grants in GRANTS.items():
        assert role in roles.ALL_ROLES
        assert set(grants) <= registered, f"{role}: {set(grants) - registered}"


@pytest.mark.parametrize("column", COLUMNS)
def test_only_administrators_change_accounts_and_only_superusers_a_superuser(people, column):
    user_admin = admin.site._registry[type(people.other)]
    user = people.by_column[column]
    may_manage = column in (roles.ADMINISTRATOR, SUPERUSER)
    assert ("c" in _rights(user_admin, user, people.other)) is may_manage
    assert ("d" in _rights(user_admin, user, people.other)) is may_manage
    touches_superuser = _rights(user_admin, user, people.superuser_target)
    assert ("c" in touches_superuser) is (column == SUPERUSER)
    assert ("d" in touches_superuser) is (column == SUPERUSER)


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "column", [c for c in COLUMNS if c not in (roles.ADMINISTRATOR, SUPERUSER)]
)
def test_nobody_else_writes_another_users_password_email_or_activity(people, column):
    target = people.other
    client = _signed_in(people.by_column[column])
    client.post(
        f"/admin/accounts/user/{target.pk}/password/",
        {"password1": "Vzlom-Parol-2026", "password2": "Vzlom-Parol-2026"},
    )
    client.post(
        f"/admin/accounts/user/{target.pk}/change/",
        {"email": "attacker@example.ru", "is_active": "", "last_name": "Взлом"},
    )
    client.post(
        f"/cms/users/{target.pk}/",
        {
            "email": "attacker@example.ru",
            "password1": "Vzlom-Parol-2026",
            "password2": "Vzlom-Parol-2026",
            "is_active": "",
        },
    )
    target.refresh_from_db()
    assert target.email == "target@example.ru"
    assert target.is_active
    assert target.check_password(TEST_PASSWORD)


def test_the_administrator_manages_accounts_but_not_a_superusers(people):
    client = _signed_in(people.by_column[roles.ADMINISTRATOR])
    new_password = {"password1": "Novyi-Parol-2026", "password2": "Novyi-Parol-2026"}
    for target in (people.other, people.superuser_target):
        client.post(f"/admin/accounts/user/{target.pk}/password/", new_password)
        client.post(f"/cms/users/{target.pk}/", {"email": target.email, **new_password})
    people.other.refresh_from_db()
    people.superuser_target.refresh_from_db()
    assert people.other.check_password("Novyi-Parol-2026")
    assert people.superuser_target.check_password(TEST_PASSWORD)


def test_a_moderator_sees_a_user_read_only(people):
    client = _signed_in(people.by_column[roles.MODERATOR])
    response = client.get(f"/admin/accounts/user/{people.other.pk}/change/")
    assert response.status_code == 200
    # Every field is shown read-only; the password hash field is never writable at all.
    assert all(field.disabled for field in response.context["adminform"].form.fields.values())
    assert client.get(f"/admin/accounts/user/{people.other.pk}/password/").status_code == 403


def _wagtail_areas():
    """Every list page of Wagtail admin (index/list views without arguments) and its home."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif pattern.name in ("index", "list", "wagtailadmin_home") and "<" not in str(
                pattern.pattern
            ):
                yield prefix + str(pattern.pattern)

    # The bare snippets index only sends everyone back to the admin's home page.
    return sorted(set(walk(wagtail_admin_urls.urlpatterns)) - {"snippets/"})


def _area_rule(path):
    return max((prefix for prefix in WAGTAIL_AREAS if path.startswith(prefix)), key=len)


def test_every_wagtail_area_has_a_rule():
    areas = _wagtail_areas()
    assert "users/" in areas and "snippets/navigator/supportmeasure/" in areas
    for area in areas:
        assert _area_rule(area) in WAGTAIL_AREAS


@pytest.mark.parametrize("column", COLUMNS)
def test_each_role_opens_exactly_its_wagtail_areas(people, column):
    client = _signed_in(people.by_column[column])
    for area in _wagtail_areas():
        rule = _area_rule(area)
        if column == SUPERUSER:
            opens = True
        elif column == roles.ADMINISTRATOR:
            opens = rule not in SUPERUSER_ONLY_AREAS
        else:
            opens = column in WAGTAIL_AREAS[rule]
        response = client.get(f"/cms/{area}")
        if opens:
            assert response.status_code == 200, f"{column} × /cms/{area}"
        else:
            # Refused: the portal's 403 page, or Wagtail's own refusal back to its home page;
            # never a trip to the sign-in page, which would send a signed-in person back.
            assert response.status_code in (302, 403), f"{column} × /cms/{area}"
            if response.status_code == 302:
                assert response["Location"] == "/cms/", f"{column} × /cms/{area}"

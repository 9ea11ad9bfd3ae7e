"""Moderators stop changing accounts; a legal-base editor role; the Site row from SITE_URL.

- Moderators only look at users and decide verification requests: changing a user (password,
  e-mail, activity, groups) is left to administrators.
- «Редактор правовой базы» imports and edits acts and editions, synonyms and topics of
  «Правовой вектор». The permissions belong to legal_vector and portal models, hence the
  dependencies on their migrations.
- The Site row (allauth's e-mails greet with its name) gets the portal's name and domain.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations

MODERATOR = "Модератор"
LEGAL_EDITOR = "Редактор правовой базы"
SITE_NAME = "Муниципалитеты.рф"

MODERATOR_REMOVED = [("accounts", "change_user")]
MODERATOR_ADDED = [
    ("accounts", "view_verificationrequest"),
    ("accounts", "change_verificationrequest"),
]
LEGAL_EDITOR_PERMISSIONS = [
    *(
        ("legal_vector", f"{action}_{model}")
        for model in ("document", "topic", "searchword")
        for action in ("add", "change", "delete", "view")
    ),
    *(("legal_vector", f"{action}_edition") for action in ("change", "delete", "view")),
    ("legal_vector", "view_structuralunit"),
    ("legal_vector", "view_reference"),
    ("legal_vector", "view_searchlog"),
    ("legal_vector", "view_zeroresultquery"),
    *(("portal", f"{action}_searchsynonym") for action in ("add", "change", "delete", "view")),
    ("portal", "view_sphere"),
]


def _permissions(Permission, pairs):
    found = []
    for app_label, codename in pairs:
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def regroup(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderator, _ = Group.objects.get_or_create(name=MODERATOR)
    moderator.permissions.remove(*_permissions(Permission, MODERATOR_REMOVED))
    moderator.permissions.add(*_permissions(Permission, MODERATOR_ADDED))
    legal_editor, _ = Group.objects.get_or_create(name=LEGAL_EDITOR)
    legal_editor.permissions.add(*_permissions(Permission, LEGAL_EDITOR_PERMISSIONS))


def name_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": SITE_NAME}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_verification_requests"),
        ("legal_vector", "0006_search_vocabulary"),
        ("portal", "0002_spheres_and_synonyms"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.RunPython(regroup, migrations.RunPython.noop),
        migrations.RunPython(name_site, migrations.RunPython.noop),
    ]

"""Content editors may edit and publish every page and change the footer contacts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Редактор контента"
PAGE_ACTIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def _ensure_pages_permissions(apps):
    # Model permissions are normally created after all migrations; this one needs them now.
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    _ensure_pages_permissions(apps)
    group = Group.objects.filter(name=EDITOR).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="pages", codename="change_sitecontacts")
    )
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    actions = Permission.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", codename__in=PAGE_ACTIONS
    )
    for permission in actions:
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

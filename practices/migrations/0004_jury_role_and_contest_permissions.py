"""The jury role; moderators run the contest and see adoptions in Django admin."""

from django.db import migrations

JURY = "Член жюри"
MODERATOR = "Модератор"
ADMINISTRATOR = "Администратор"
MODERATOR_PERMISSIONS = [
    "view_contest",
    "add_contest",
    "change_contest",
    "view_nomination",
    "add_nomination",
    "change_nomination",
    "delete_nomination",
    "view_entry",
    "add_entry",
    "change_entry",
    "delete_entry",
    "view_score",
    "view_adoption",
    "change_adoption",
    "delete_adoption",
]


def setup(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("practices")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name=JURY)
    granted = Permission.objects.filter(
        content_type__app_label="practices", codename__in=MODERATOR_PERMISSIONS
    )
    for name in (MODERATOR, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*granted)


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_community_adoptions_contest")]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

"""Editors and moderators read the navigator's reports (searches without results, popular
measures, link checks): they are the ones who act on them."""

from django.db import migrations

EDITOR = "Редактор контента"
MODERATOR = "Модератор"
REPORT_PERMISSIONS = ["view_zeroresultsearch", "view_popularmeasure", "view_linkcheck"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("navigator")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="navigator", codename__in=REPORT_PERMISSIONS
    )
    for name in (EDITOR, MODERATOR):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("navigator", "0005_reminder_lead_time_alert_title")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

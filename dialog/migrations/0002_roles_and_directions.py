from django.db import migrations

LEAD_EXPERT = "Ведущий эксперт"
PERMISSIONS = {
    "Модератор": [
        "change_problem",
        "view_problem", "view_transitionlog", "view_support",
        "view_cluster", "add_cluster", "change_cluster", "view_extraquestion",
    ],
    "Эксперт": ["view_problem", "view_transitionlog"],
    LEAD_EXPERT: [
        "view_problem", "view_transitionlog", "view_directionsettings",
        "view_expertdirection", "view_extraquestion", "add_extraquestion",
        "change_extraquestion",
    ],
}


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; they are needed here already.
    app_config = apps.get_app_config("dialog")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Sphere = apps.get_model("portal", "Sphere")
    DirectionSettings = apps.get_model("dialog", "DirectionSettings")
    Group.objects.get_or_create(name=LEAD_EXPERT)
    for role, codes in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="dialog", codename__in=codes)
        )
    for direction in Sphere.objects.filter(parent__isnull=True):
        DirectionSettings.objects.get_or_create(direction=direction)


class Migration(migrations.Migration):
    dependencies = [
        ("dialog", "0001_initial"),
        ("accounts", "0003_refine_role_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""Create the academy's roles: «Администратор академии» and «Руководитель (отчёты)»."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

ACADEMY_ADMIN = "Администратор академии"
ACADEMY_MANAGER = "Руководитель (отчёты)"
ADMIN_PERMISSIONS = ["wagtailadmin.access_admin"] + [
    f"academy.{action}_{model}"
    for model in ("quiz", "programme", "certificatetemplate", "webinar", "cohort")
    for action in ("add", "change", "view")
]


def create_roles(apps, schema_editor):
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin, _ = Group.objects.get_or_create(name=ACADEMY_ADMIN)
    query = Q(pk__in=[])
    for code in ADMIN_PERMISSIONS:
        app_label, codename = code.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    admin.permissions.add(*Permission.objects.filter(query))
    Group.objects.get_or_create(name=ACADEMY_MANAGER)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[ACADEMY_ADMIN, ACADEMY_MANAGER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

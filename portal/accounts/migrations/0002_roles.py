from django.db import migrations

ROLE_PERMISSIONS = {
    "Муниципальный служащий": [],
    "Редактор контента": [
        "wagtailadmin.access_admin",
        "wagtailcore.add_page", "wagtailcore.change_page", "wagtailcore.publish_page",
    ],
    "Модератор": [
        "wagtailadmin.access_admin",
        "accounts.view_user", "accounts.change_user",
    ],
    "Юрист": [],
    "Эксперт": [],
    "Администратор": ["*"],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        if codes == ["*"]:
            group.permissions.set(Permission.objects.all())
            continue
        for code in codes:
            app_label, codename = code.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

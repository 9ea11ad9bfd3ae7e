"""Moderators work the community queue in Django admin; ready wordings for their decisions."""

from django.db import migrations

MODERATOR = "Модератор"
ADMINISTRATOR = "Администратор"
MODERATOR_PERMISSIONS = [
    "view_moderationcase",
    "change_moderationcase",
    "view_moderationaction",
    "view_report",
    "view_comment",
    "change_comment",
    "view_block",
    "add_block",
    "change_block",
    "view_moderationreason",
    "add_moderationreason",
    "change_moderationreason",
    "delete_moderationreason",
]
REASONS = [
    ("Оскорбления", "Материал содержит оскорбления или грубость по отношению к коллегам."),
    ("Реклама", "Материал содержит рекламу или спам."),
    ("Персональные данные", "Материал раскрывает персональные данные третьих лиц."),
    ("Не по теме", "Материал не относится к работе органов местного самоуправления."),
    ("Недостаточно сведений", "Опишите проблему, решение и измеримые результаты подробнее."),
    ("Дубликат", "Такой материал уже опубликован на портале."),
]


def setup(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("community")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(
        content_type__app_label="community", codename__in=MODERATOR_PERMISSIONS
    )
    for name in (MODERATOR, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*granted)
    ModerationReason = apps.get_model("community", "ModerationReason")
    for title, text in REASONS:
        ModerationReason.objects.get_or_create(title=title, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]

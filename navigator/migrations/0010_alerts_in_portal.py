from django.core.management.color import no_style
from django.db import migrations

FIELDS = ("id", "user_id", "title", "query", "frequency", "is_active", "created_at", "last_sent_at")


def _reset_sequence(schema_editor, model):
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


def move_to_portal_alerts(apps, schema_editor):
    """The navigator's alerts join the portal's alerts as its share, with their ids kept: the
    delivery log's channels («navigator.alert:<id>») and the unsubscribe links already mailed
    name them."""
    Old = apps.get_model("navigator", "MeasureAlert")
    Alert = apps.get_model("notifications", "Alert")
    Alert.objects.bulk_create(
        (
            Alert(service="navigator", **{field: getattr(row, field) for field in FIELDS})
            for row in Old.objects.order_by("pk").iterator()
        ),
        batch_size=1000,
    )
    _reset_sequence(schema_editor, Alert)


def move_back(apps, schema_editor):
    Old = apps.get_model("navigator", "MeasureAlert")
    Alert = apps.get_model("notifications", "Alert")
    rows = Alert.objects.filter(service="navigator").order_by("pk")
    Old.objects.bulk_create(
        (Old(**{field: getattr(row, field) for field in FIELDS}) for row in rows.iterator()),
        batch_size=1000,
    )
    rows.delete()
    _reset_sequence(schema_editor, Old)


class Migration(migrations.Migration):
    dependencies = [
        ("navigator", "0009_search_log_in_portal"),
        ("notifications", "0003_alert"),
    ]

    operations = [
        migrations.RunPython(move_to_portal_alerts, move_back),
        migrations.DeleteModel(name="MeasureAlert"),
        migrations.CreateModel(
            name="MeasureAlert",
            fields=[],
            options={
                "verbose_name": "подписка на меры поддержки",
                "verbose_name_plural": "подписки на меры поддержки",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("notifications.alert",),
        ),
    ]

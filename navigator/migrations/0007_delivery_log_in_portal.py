from django.db import migrations


def move_to_portal_log(apps, schema_editor):
    """Copy what was delivered into the portal's delivery log, so nothing is sent again."""
    AlertDelivery = apps.get_model("navigator", "AlertDelivery")
    DeadlineReminder = apps.get_model("navigator", "DeadlineReminder")
    Delivery = apps.get_model("notifications", "Delivery")
    rows = [
        Delivery(
            user_id=row.alert.user_id,
            channel=f"navigator.alert:{row.alert_id}",
            subject_id=row.measure_id,
            sent_at=row.sent_at,
        )
        for row in AlertDelivery.objects.select_related("alert").iterator()
    ]
    rows += [
        Delivery(
            user_id=row.bookmark.user_id,
            channel=f"navigator.deadline:{row.closes_on:%Y-%m-%d}",
            subject_id=row.bookmark.measure_id,
            sent_at=row.sent_at,
        )
        for row in DeadlineReminder.objects.select_related("bookmark").iterator()
    ]
    Delivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("navigator", "0006_editor_report_permissions"),
        ("notifications", "0002_delivery_log"),
    ]

    operations = [
        migrations.RunPython(move_to_portal_log, migrations.RunPython.noop),
        migrations.RemoveField(model_name="deadlinereminder", name="bookmark"),
        migrations.DeleteModel(name="AlertDelivery"),
        migrations.DeleteModel(name="DeadlineReminder"),
    ]

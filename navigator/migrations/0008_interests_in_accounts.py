from django.db import migrations


def move_to_accounts(apps, schema_editor):
    """The spheres a user works in now belong to the account, for every service to use."""
    FollowedSphere = apps.get_model("navigator", "FollowedSphere")
    Interest = apps.get_model("accounts", "Interest")
    Interest.objects.bulk_create(
        [
            Interest(user_id=row.user_id, sphere_id=row.sphere_id)
            for row in FollowedSphere.objects.iterator()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("navigator", "0007_delivery_log_in_portal"),
        ("accounts", "0006_interests"),
    ]

    operations = [
        migrations.RunPython(move_to_accounts, migrations.RunPython.noop),
        migrations.DeleteModel(name="FollowedSphere"),
    ]

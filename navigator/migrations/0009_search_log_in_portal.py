from django.db import migrations


def move_to_portal_log(apps, schema_editor):
    """The measure list's searches join the portal's one search log, as the navigator's share."""
    Old = apps.get_model("navigator", "SearchLog")
    SearchLog = apps.get_model("portal", "SearchLog")
    SearchLog.objects.bulk_create(
        (
            SearchLog(
                service="navigator",
                source="list",
                query=row.query,
                filters=row.filters,
                result_count=row.result_count,
                user_id=row.user_id,
                created_at=row.created_at,
            )
            for row in Old.objects.iterator()
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("navigator", "0008_interests_in_accounts"),
        ("portal", "0005_search_log"),
    ]

    operations = [
        migrations.RunPython(move_to_portal_log, migrations.RunPython.noop),
        migrations.DeleteModel(name="ZeroResultSearch"),
        migrations.DeleteModel(name="SearchLog"),
        migrations.CreateModel(
            name="ZeroResultSearch",
            fields=[],
            options={
                "verbose_name": "поиск без результатов",
                "verbose_name_plural": "отчёт: поиски без результатов",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("portal.searchlog",),
        ),
    ]

from django.db import migrations


def move_to_portal_log(apps, schema_editor):
    """The legal queries join the portal's one search log, as the legal service's share."""
    Old = apps.get_model("legal_vector", "SearchLog")
    SearchLog = apps.get_model("portal", "SearchLog")
    SearchLog.objects.bulk_create(
        (
            SearchLog(
                service="legal_vector",
                source=row.source,
                query=row.query,
                result_count=row.result_count,
                user_id=row.user_id,
                created_at=row.created_at,
            )
            for row in Old.objects.iterator()
        ),
        batch_size=1000,
    )


def let_legal_editors_read_it(apps, schema_editor):
    """The legal editors' right to read the legal queries now names the new proxy."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("legal_vector")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Редактор правовой базы").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="legal_vector", codename="view_legalsearchquery"
            )
        )


PROXY_OPTIONS = {"proxy": True, "indexes": [], "constraints": []}


class Migration(migrations.Migration):
    dependencies = [
        ("legal_vector", "0008_consultation_thread"),
        ("portal", "0005_search_log"),
        ("accounts", "0005_moderators_verify_legal_editor_site"),
    ]

    operations = [
        migrations.RunPython(move_to_portal_log, migrations.RunPython.noop),
        migrations.DeleteModel(name="ZeroResultQuery"),
        migrations.DeleteModel(name="SearchLog"),
        migrations.CreateModel(
            name="LegalSearchQuery",
            fields=[],
            options={
                "verbose_name": "запрос к правовой базе",
                "verbose_name_plural": "журнал запросов к правовой базе",
                **PROXY_OPTIONS,
            },
            bases=("portal.searchlog",),
        ),
        migrations.CreateModel(
            name="ZeroResultQuery",
            fields=[],
            options={
                "verbose_name": "запрос без результатов",
                "verbose_name_plural": "запросы без результатов",
                **PROXY_OPTIONS,
            },
            bases=("portal.searchlog",),
        ),
        migrations.RunPython(let_legal_editors_read_it, migrations.RunPython.noop),
    ]

"""Ship all 89 subjects of the Federation and the project's reference set of municipalities.

Reference data must exist in every database, tests included, hence a data migration rather
than a fixture. It reuses the ОКТМО importer with the historical models.
"""

from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load_reference_data(apps, schema_editor):
    from portal.municipalities.importing import import_file, load_regions

    region_model = apps.get_model("municipalities", "Region")
    municipality_model = apps.get_model("municipalities", "Municipality")
    with open(DATA / "regions.csv", encoding="utf-8", newline="") as regions:
        load_regions(regions, region_model)
    with open(DATA / "municipalities.csv", encoding="utf-8", newline="") as municipalities:
        import_file(municipalities, region_model, municipality_model)


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]

    operations = [
        # Reversing keeps the rows: users and other apps may already point at them.
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]

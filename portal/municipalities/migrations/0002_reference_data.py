"""Ship all 89 subjects of the Federation and the project's reference set of municipalities.

Reference data must exist in every database, tests included, hence a data migration rather
than a fixture. It reuses the ОКТМО importer with the historical models.
"""

from django.db import migrations


def load_reference_data(apps, schema_editor):
    from portal.municipalities.importing import load_reference_data as load

    load(apps.get_model("municipalities", "Region"), apps.get_model("municipalities", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]

    operations = [
        # Reversing keeps the rows: users and other apps may already point at them.
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]

"""Copy the edition's and the document's search fields onto each unit, kept by triggers.

Search filters, counts and ranks units by whether their edition is current and by their
document's kind, level, status, region and year. As columns of the unit they go into one GIN
index with the text (btree_gin), so a filtered query reads only the rows it returns, without
joining editions and documents. Triggers keep the copies right whoever writes: the ORM,
bulk_create, COPY (the bench generator) or a plain UPDATE of a document or an edition.
"""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations, models

UNIT_COLUMNS = """
    document_kind = d.kind,
    document_level = d.level,
    document_status = d.status,
    document_region_id = d.region_id,
    document_adopted_on = d.adopted_on,
    document_year = EXTRACT(YEAR FROM d.adopted_on)
"""

FORWARD = f"""
UPDATE legal_vector_structuralunit AS u SET is_current = e.is_current, {UNIT_COLUMNS}
FROM legal_vector_document AS d, legal_vector_edition AS e
WHERE d.id = u.document_id AND e.id = u.edition_id;

CREATE FUNCTION legal_unit_copy_fields() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d legal_vector_document%ROWTYPE;
BEGIN
    SELECT * INTO d FROM legal_vector_document WHERE id = NEW.document_id;
    IF FOUND THEN
        NEW.document_kind := d.kind;
        NEW.document_level := d.level;
        NEW.document_status := d.status;
        NEW.document_region_id := d.region_id;
        NEW.document_adopted_on := d.adopted_on;
        NEW.document_year := EXTRACT(YEAR FROM d.adopted_on);
    END IF;
    NEW.is_current := COALESCE(
        (SELECT is_current FROM legal_vector_edition WHERE id = NEW.edition_id), false
    );
    RETURN NEW;
END $$;

CREATE TRIGGER legal_unit_copy_fields
BEFORE INSERT OR UPDATE ON legal_vector_structuralunit
FOR EACH ROW EXECUTE FUNCTION legal_unit_copy_fields();

CREATE FUNCTION legal_document_copy_to_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The units' own trigger reads the updated document row.
    UPDATE legal_vector_structuralunit SET document_id = document_id
    WHERE document_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER legal_document_copy_to_units
AFTER UPDATE OF kind, level, status, region_id, adopted_on ON legal_vector_document
FOR EACH ROW WHEN (
    OLD.kind IS DISTINCT FROM NEW.kind OR OLD.level IS DISTINCT FROM NEW.level
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.region_id IS DISTINCT FROM NEW.region_id
    OR OLD.adopted_on IS DISTINCT FROM NEW.adopted_on
) EXECUTE FUNCTION legal_document_copy_to_units();

CREATE FUNCTION legal_edition_copy_to_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE legal_vector_structuralunit SET is_current = NEW.is_current
    WHERE edition_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER legal_edition_copy_to_units
AFTER UPDATE OF is_current ON legal_vector_edition
FOR EACH ROW WHEN (OLD.is_current IS DISTINCT FROM NEW.is_current)
EXECUTE FUNCTION legal_edition_copy_to_units();
"""

BACKWARD = """
DROP TRIGGER legal_edition_copy_to_units ON legal_vector_edition;
DROP FUNCTION legal_edition_copy_to_units();
DROP TRIGGER legal_document_copy_to_units ON legal_vector_document;
DROP FUNCTION legal_document_copy_to_units();
DROP TRIGGER legal_unit_copy_fields ON legal_vector_structuralunit;
DROP FUNCTION legal_unit_copy_fields();
"""


def copied(field):
    return {"field": field, "model_name": "structuralunit"}


class Migration(migrations.Migration):

    dependencies = [
        ("legal_vector", "0003_edition_links_version"),
    ]

    operations = [
        BtreeGinExtension(),
        migrations.AddField(
            name="is_current",
            **copied(
                models.BooleanField(
                    default=False, editable=False, verbose_name="в текущей редакции"
                )
            ),
        ),
        migrations.AddField(
            name="document_kind",
            **copied(models.CharField(blank=True, editable=False, max_length=32)),
        ),
        migrations.AddField(
            name="document_level",
            **copied(models.CharField(blank=True, editable=False, max_length=16)),
        ),
        migrations.AddField(
            name="document_status",
            **copied(models.CharField(blank=True, editable=False, max_length=16)),
        ),
        migrations.AddField(
            name="document_region_id",
            **copied(models.BigIntegerField(blank=True, editable=False, null=True)),
        ),
        migrations.AddField(
            name="document_adopted_on",
            **copied(models.DateField(blank=True, editable=False, null=True)),
        ),
        migrations.AddField(
            name="document_year",
            **copied(models.PositiveSmallIntegerField(blank=True, editable=False, null=True)),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.RemoveIndex(model_name="structuralunit", name="legal_unit_search"),
        migrations.AddIndex(
            model_name="structuralunit",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("is_current", True)),
                fields=[
                    "search_vector",
                    "document_status",
                    "document_kind",
                    "document_level",
                    "document_region_id",
                    "document_year",
                ],
                name="legal_unit_search_current",
            ),
        ),
    ]

"""The search postings of the legal units (`portal.search.postings`): their state row, and the
triggers that mark them out of date when a statement changes what the unit index reads."""

from django.db import migrations

INDEX = "legal-units"
# What `legal_vector.search.indexes.UNIT_INDEX` reads of a unit: the words (its vector is
# generated from these), the current-edition flag and the facet columns.
UNIT_COLUMNS = (
    "number, heading, text, is_current, document_kind, document_level, document_status, "
    "document_region_id, document_year"
)

FORWARD = f"""
INSERT INTO portal_postingsstate ("index", generation, built) VALUES ('{INDEX}', 1, 0)
ON CONFLICT DO NOTHING;
CREATE TRIGGER legal_unit_postings
    AFTER INSERT OR DELETE OR UPDATE OF {UNIT_COLUMNS} ON legal_vector_structuralunit
    FOR EACH STATEMENT EXECUTE FUNCTION portal_postings_changed('{INDEX}');
CREATE TRIGGER legal_unit_postings_truncate
    AFTER TRUNCATE ON legal_vector_structuralunit
    FOR EACH STATEMENT EXECUTE FUNCTION portal_postings_changed('{INDEX}');
CREATE TRIGGER legal_topic_postings
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON legal_vector_document_topics
    FOR EACH STATEMENT EXECUTE FUNCTION portal_postings_changed('{INDEX}');
CREATE TRIGGER legal_topic_slug_postings
    AFTER UPDATE OF slug ON legal_vector_topic
    FOR EACH STATEMENT EXECUTE FUNCTION portal_postings_changed('{INDEX}');
"""

BACKWARD = f"""
DROP TRIGGER legal_topic_slug_postings ON legal_vector_topic;
DROP TRIGGER legal_topic_postings ON legal_vector_document_topics;
DROP TRIGGER legal_unit_postings_truncate ON legal_vector_structuralunit;
DROP TRIGGER legal_unit_postings ON legal_vector_structuralunit;
DELETE FROM portal_searchpostings WHERE "index" = '{INDEX}';
DELETE FROM portal_postingsstate WHERE "index" = '{INDEX}';
"""


class Migration(migrations.Migration):
    dependencies = [
        ("legal_vector", "0012_unit_kind_resolution"),
        ("portal", "0010_search_postings"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]

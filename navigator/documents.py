"""Elasticsearch document of the navigator (used only when ELASTICSEARCH_URL is set)."""

from django.utils.html import strip_tags
from elasticsearch_dsl import Date, Document, Keyword

from portal.search.elastic import INDEX_SETTINGS, index_name, russian_text


class MeasureDocument(Document):
    """A published support measure: the texts the list searches, weighted in `MEASURE_INDEX`."""

    title = russian_text()
    summary = russian_text()
    # What the PostgreSQL vector weighs as C: what is funded and the other conditions.
    conditions = russian_text()
    description = russian_text()
    organiser = russian_text()
    spheres = russian_text(multi=True)
    kind = Keyword()
    level = Keyword()
    closes_on = Date()
    date = Date()  # first published: «по дате» sorts by it

    class Index:
        name = index_name("navigator-measures")
        settings = INDEX_SETTINGS

    @classmethod
    def from_instance(cls, measure):
        organiser = measure.organiser
        return cls(
            meta={"id": measure.pk},
            title=measure.title,
            summary=measure.summary,
            conditions="\n".join(filter(None, [measure.funded_items, measure.other_conditions])),
            description=strip_tags(measure.description),
            organiser=" ".join(filter(None, [organiser.name, organiser.short_name])),
            spheres=[sphere.name for sphere in measure.spheres.all()],
            kind=measure.kind,
            level=measure.level,
            closes_on=measure.closes_on,
            date=measure.first_published_at,
        )

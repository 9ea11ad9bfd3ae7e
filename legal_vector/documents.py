"""Elasticsearch documents of the legal base (used only when ELASTICSEARCH_URL is set)."""

from elasticsearch_dsl import Date, Document, Integer, Keyword

from portal.search.elastic import INDEX_SETTINGS, index_name, russian_text


class UnitDocument(Document):
    """A structural unit of a current edition, with its document's requisites and facets."""

    heading = russian_text()
    title = russian_text()
    text = russian_text()
    document_id = Integer()
    stable_key = Keyword()
    kind = Keyword()
    level = Keyword()
    region = Integer()
    topic = Keyword(multi=True)
    status = Keyword()
    year = Integer()
    date = Date()

    class Index:
        name = index_name("legal-units")
        settings = INDEX_SETTINGS

    @classmethod
    def from_instance(cls, unit):
        document = unit.document
        return cls(
            meta={"id": unit.pk},
            heading=" ".join(part for part in (unit.short_label, unit.heading) if part),
            title=document.title,
            text=unit.text,
            document_id=document.pk,
            stable_key=unit.stable_key,
            kind=document.kind,
            level=document.level,
            region=document.region_id,
            topic=[topic.slug for topic in document.topics.all()],
            status=document.status,
            year=document.adopted_on.year,
            date=document.adopted_on,
        )

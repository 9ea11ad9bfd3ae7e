"""Elasticsearch document of the practices (used only when ELASTICSEARCH_URL is set)."""

from elasticsearch_dsl import Date, Document, Integer

from portal.search.elastic import INDEX_SETTINGS, index_name, russian_text


class PracticeDocument(Document):
    """A published practice: the texts the catalogue searches. Contacts are never indexed."""

    title = russian_text()
    key_result = russian_text()
    story = russian_text()  # problem and solution
    results = russian_text()  # results and funding
    municipality = russian_text()
    spheres = russian_text(multi=True)
    started_year = Integer()
    date = Date()  # first published: «по дате» sorts by it

    class Index:
        name = index_name("practices")
        settings = INDEX_SETTINGS

    @classmethod
    def from_instance(cls, practice):
        return cls(
            meta={"id": practice.pk},
            title=practice.title,
            key_result=practice.key_result,
            story="\n".join([practice.problem, practice.solution]),
            results="\n".join(filter(None, [practice.results, practice.funding_sources])),
            municipality=str(practice.municipality),
            spheres=[sphere.name for sphere in practice.spheres.all()],
            started_year=practice.started_year,
            date=practice.first_published_at,
        )

"""Elasticsearch document of the academy's catalogue (used only when ELASTICSEARCH_URL is set).

`COURSE_INDEX` declares what the catalogue searches; `SEARCH_INDEXES` lets `portal.search`
keep the index in step with live, public course pages.
"""

from elasticsearch_dsl import Date, Document, Integer, Keyword

from academy.models import CoursePage
from portal.search import SearchIndex
from portal.search.elastic import INDEX_SETTINGS, index_name, russian_text


class CourseDocument(Document):
    """A live course page open to everyone: title, summary and the catalogue's filters."""

    title = russian_text()
    summary = russian_text()
    level = Keyword()
    format = Keyword()
    audience = Keyword(multi=True)
    hours = Integer()
    date = Date()  # first published: «по дате» sorts by it

    class Index:
        name = index_name("academy-courses")
        settings = INDEX_SETTINGS

    @classmethod
    def from_instance(cls, course):
        return cls(
            meta={"id": course.pk},
            title=course.title,
            summary=course.summary,
            level=course.level,
            format=course.format,
            audience=list(course.audience or []),
            hours=course.hours,
            date=course.first_published_at,
        )


def _catalogue():
    return CoursePage.objects.live().public()


COURSE_INDEX = SearchIndex(
    name="academy-courses",
    model_queryset=_catalogue,
    vector_field="search_vector",
    headline_field="summary",
    date_field="first_published_at",
    facets={"level": "level", "format": "format"},
    text_fields=("title^3", "summary"),
    document=CourseDocument,
)
SEARCH_INDEXES = [(CoursePage, COURSE_INDEX)]

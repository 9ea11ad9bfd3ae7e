"""The academy's catalogue in Elasticsearch: live public courses are indexed after commit and
leave the index when unpublished."""

import pytest

from academy.documents import COURSE_INDEX, CourseDocument
from tests.academy.factories import make_course

pytestmark = pytest.mark.django_db
ALIAS = "municipalitety-academy-courses"


def test_the_document_carries_the_title_summary_and_filters():
    course = make_course(title="Анализ данных", summary="Таблицы и дашборды", hours=16)
    source = CourseDocument.from_instance(course).to_dict()
    assert source["title"] == "Анализ данных"
    assert source["summary"] == "Таблицы и дашборды"
    assert (source["level"], source["hours"]) == ("basic", 16)
    assert COURSE_INDEX.text_fields == ("title^3", "summary")


def test_a_published_course_is_indexed_and_leaves_when_unpublished(
    fake_es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        course = make_course(title="Открытые данные")
    indexed = {int(pk): source for op, _, pk, source in fake_es.bulk_actions() if op == "index"}
    assert indexed[course.pk]["title"] == "Открытые данные"

    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()
    assert fake_es.bulk_actions()[-1][:3] == ("delete", ALIAS, course.pk)

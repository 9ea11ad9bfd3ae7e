"""The dialog field in Elasticsearch: public problems are indexed without their authors, leave
the index when they stop being public, and the field's text filter reads the cluster's ids."""

import pytest
from django.http import QueryDict

from dialog.documents import PROBLEM_INDEX, ProblemDocument
from dialog.filters import ProblemFilter
from dialog.models import ProblemStatus
from tests.dialog.factories import problem_in

pytestmark = pytest.mark.django_db
ALIAS = "municipalitety-dialog-problems"


def test_the_document_carries_the_texts_and_facets_but_not_the_author():
    problem = problem_in(ProblemStatus.PUBLISHED, title="Бесхозяйные сети водоснабжения")
    document = ProblemDocument.from_instance(problem).to_dict(include_meta=True)
    source = document["_source"]

    assert document["_id"] == problem.pk
    assert source["title"] == "Бесхозяйные сети водоснабжения"
    assert source["details"] == (
        "Аварии и жалобы жителей.\nИзменить порядок признания права собственности."
    )
    assert source["direction"] == "zhkh" and source["status"] == "published"
    assert source["region"] == problem.region.code
    assert source["municipality"] == str(problem.municipality)
    assert problem.author.email not in str(source)
    assert problem.author.get_full_name() not in str(source)


def test_published_problems_are_indexed_after_commit_and_drafts_never(
    fake_es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        public = problem_in(ProblemStatus.PUBLISHED)
        draft = problem_in(ProblemStatus.DRAFT)
    actions = {int(pk): (op, index) for op, index, pk, _ in fake_es.bulk_actions()}
    assert actions[public.pk] == ("index", ALIAS)
    assert actions[draft.pk] == ("delete", ALIAS)


def test_a_problem_that_stops_being_public_leaves_the_index(
    fake_es, django_capture_on_commit_callbacks
):
    problem = problem_in(ProblemStatus.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        problem.status = ProblemStatus.MODERATION
        problem.save()
    assert fake_es.bulk_actions()[-1][:3] == ("delete", ALIAS, problem.pk)


def test_with_elasticsearch_the_field_filters_by_the_clusters_ids(fake_es):
    found = problem_in(ProblemStatus.PUBLISHED, title="Найдена кластером")
    draft = problem_in(ProblemStatus.DRAFT, title="Черновик")
    problem_in(ProblemStatus.PUBLISHED, title="Не найдена")
    fake_es.hits = [(draft.pk, 2.0), (found.pk, 1.0)]

    titles = [p.title for p in ProblemFilter(QueryDict("q=квазислово")).qs]

    assert titles == ["Найдена кластером"]
    (request,) = fake_es.searches()
    assert request["index"] == ALIAS
    assert request["query"]["multi_match"]["fields"] == list(PROBLEM_INDEX.text_fields)


def test_without_elasticsearch_the_field_searches_postgres(fake_es, settings):
    settings.ELASTICSEARCH_URL = None
    problem_in(ProblemStatus.PUBLISHED, title="Ямы на дорогах")
    problem_in(ProblemStatus.PUBLISHED, title="Бесхозяйные сети")

    assert [p.title for p in ProblemFilter(QueryDict("q=дороги")).qs] == ["Ямы на дорогах"]
    assert fake_es.requests == []

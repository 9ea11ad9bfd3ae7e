"""The practices' text search on Elasticsearch when it is configured (a fake server answers)."""

import pytest
from django.urls import reverse

from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
URL = reverse("practices:index")


def test_with_elasticsearch_the_catalogue_lists_its_hits_in_its_order(client, fake_es):
    first = PracticeFactory(title="Первая по версии ES")
    second = PracticeFactory(title="Вторая по версии ES")
    draft = PracticeFactory(title="Черновик", live=False)
    PracticeFactory(title="Не найдена")
    fake_es.hits = [(second.pk, 5.0), (draft.pk, 4.0), (first.pk, 1.0)]

    # PostgreSQL would find nothing for this word: the list comes from Elasticsearch.
    response = client.get(URL, {"q": "квазиинфраструктура"})
    assert [p.title for p in response.context["practices"]] == [second.title, first.title]
    (search,) = fake_es.searches()
    assert search["index"] == "municipalitety-practices"


def test_a_published_practice_is_indexed_without_its_contacts_and_leaves_when_withdrawn(
    fake_es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticeFactory(title="Раздельный сбор во дворах")
    # Rows saved by earlier tests whose transactions never committed may be synced too.
    actions = {
        int(pk): (operation, index, source)
        for operation, index, pk, source in fake_es.bulk_actions()
    }
    operation, index, source = actions[practice.pk]
    assert (operation, index) == ("index", "municipalitety-practices")
    assert source["title"] == "Раздельный сбор во дворах"
    assert practice.contact_email not in str(source)

    with django_capture_on_commit_callbacks(execute=True):
        practice.live = False
        practice.save()
    operation, index, pk, _ = fake_es.bulk_actions()[-1]
    assert (operation, index, pk) == ("delete", "municipalitety-practices", practice.pk)

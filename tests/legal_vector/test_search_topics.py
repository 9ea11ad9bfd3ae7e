# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
"""A topic stands for its sub-topics, however deep: in the search filter and on the landing."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from legal_vector.models import Topic
from tests.legal_vector.factories import TopicFactory
from tests.legal_vector.legal_search_fixtures import legal_base  # noqa: F401

URL = reverse("legal_vector:search")


@pytest.fixture
def topic_tree(legal_base):
    root = TopicFactory(slug="msu", name="Местное самоуправление")
    middle = TopicFactory(slug="msu-participation", name="Участие населения", parent=root)
    leaf = TopicFactory(slug="msu-hearings", name="Публичные слушания и собрания", parent=middle)
    legal_base["131-ФЗ"].topics.add(leaf)
    legal_base["59-ФЗ"].topics.add(middle, leaf)  # counted once in every subtree
    cache.clear()  # the landing caches its topic tree
    return {"root": root, "middle": middle, "leaf": leaf, **legal_base}


def test_descendants_are_read_in_one_query(topic_tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        covered = Topic.with_descendants(["msu"])
    assert sorted(covered) == ["msu", "msu-hearings", "msu-participation"]


def test_filtering_by_a_topic_includes_its_sub_topics(client, topic_tree):
    page = client.get(URL, {"q": "публичные слушания", "topic": "msu"}).context["page"]
    documents = {unit.document for unit in page.units}
    assert documents == {topic_tree["131-ФЗ"]}  # 15-ОЗ mentions them too but has no topic


def test_only_the_ticked_topic_is_shown_as_ticked(client, topic_tree):
    params = {"q": "письменное обращение", "topic": "msu-participation"}
    page = client.get(URL, params).context["page"]
    topics = next(group for group in page.facets if group["key"] == "topic")
    selected = {option["value"]: option["selected"] for option in topics["options"]}
    assert selected == {"msu-participation": True, "msu-hearings": False}


def test_the_landing_lists_a_topics_sub_topic_documents(client, topic_tree):
    response = client.get(reverse("legal_vector:index"), {"topic": "msu"})
    listed = set(response.context["topic_page"].object_list)
    assert listed == {topic_tree["131-ФЗ"], topic_tree["59-ФЗ"]}


def test_the_landing_shows_every_level_with_subtree_counts(client, topic_tree):
    html = client.get(reverse("legal_vector:index")).content.decode()
    assert "Публичные слушания и собрания" in html  # the third level
    roots = client.get(reverse("legal_vector:index")).context["topics"]
    root = next(topic for topic in roots if topic.slug == "msu")
    assert root.document_count == 2
    assert root.subtopics[0].subtopics[0].document_count == 2

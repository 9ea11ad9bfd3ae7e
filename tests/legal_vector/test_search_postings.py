# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
"""The legal units' search postings answer exactly as the GIN index does, count facets exactly
above the cap, and step aside whenever the table changed since they were built."""

import datetime
import io
import time

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from legal_vector import site_search as legal_site_search
from legal_vector.bot import retrieval
from legal_vector.bot.question import concepts_of
from legal_vector.models import StructuralUnit
from legal_vector.search.indexes import UNIT_INDEX
from portal import site_search
from portal.models import OutboxMessage, PostingsState, SearchPostings
from portal.search import SORT_DATE, Boost, SearchRequest, build_search_query, postings, search
from portal.search import facets as counting
from portal.search import postgres as backend
from portal.search.phrasing import plan_words
from tests.legal_vector.factories import TopicFactory
from tests.legal_vector.legal_search_fixtures import (  # noqa: F401
    federal_law,
    legal_base,
    load_base,
    load_similar_acts,
)
from tests.portal.redis_server import redis_server  # noqa: F401
from tests.portal.test_outbox import QUICK_SECONDS, broker, queued  # noqa: F401

BOOSTS = [Boost("status", "in_force", 1.6)]
BUILD_TASK = "portal.search.tasks.build_postings"


@pytest.fixture
def built_base(legal_base, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    load_similar_acts(6)
    budget = TopicFactory(slug="budget", name="Бюджет")
    appeals = TopicFactory(slug="appeals", name="Обращения")
    legal_base["15-ОЗ"].topics.add(budget)
    legal_base["131-ФЗ"].topics.add(budget, appeals)
    assert postings.build(UNIT_INDEX) > 0
    return legal_base


def through_gin(monkeypatch):
    monkeypatch.setattr(postings, "matching", lambda *args, **kwargs: None)
    monkeypatch.setattr(postings, "each_matching", lambda *args, **kwargs: None)


def facet_counts(result):
    return {
        key: [(v.value, v.count, v.selected) for v in values]
        for key, values in result.facets.items()
    }


REQUESTS = [
    SearchRequest("бюджет", boosts=BOOSTS),
    SearchRequest("бюджет поселения", per_page=50, boosts=BOOSTS),
    SearchRequest("бюджет поселения", sort=SORT_DATE, per_page=4),
    SearchRequest("бюджет", page=2, per_page=3, boosts=BOOSTS),
    SearchRequest("публичные слушания"),
    SearchRequest("бюджет", filters={"topic": ["budget", "appeals"]}),
    SearchRequest("бюджет", filters={"kind": ["municipal_act"], "topic": ["budget"]}),
    SearchRequest("бюджет", filters={"status": ["in_force"], "year": ["2020"]}),
    SearchRequest("обращение OR слушания"),
    SearchRequest("слово-которого-нет"),
]


@pytest.mark.parametrize(
    "request_", REQUESTS, ids=lambda r: f"{r.text}|{r.filters}|{r.sort}|{r.page}"
)
def test_the_postings_answer_as_the_gin_index_does(built_base, monkeypatch, request_):
    posted = search(UNIT_INDEX, request_)
    through_gin(monkeypatch)
    scanned = search(UNIT_INDEX, request_)

    assert (posted.pks, posted.total) == (scanned.pks, scanned.total)
    assert facet_counts(posted) == facet_counts(scanned)
    assert [hit.highlight for hit in posted.hits] == [hit.highlight for hit in scanned.hits]


def test_a_plan_of_word_forms_and_synonyms_is_answered_from_the_postings(built_base, monkeypatch):
    query = backend.plan_query(plan_words("бюджетов поселений"))
    found = postings.matching(UNIT_INDEX, query)
    expected = StructuralUnit.objects.current().filter(search_vector=query)

    assert found is not None
    assert sorted(found.ids) == sorted(expected.values_list("pk", flat=True))


def test_above_the_cap_the_postings_still_count_exactly(built_base, monkeypatch):
    exact = search(UNIT_INDEX, SearchRequest("бюджет", per_page=50))
    monkeypatch.setattr(counting, "MAX_COUNTED", 3)
    monkeypatch.setattr(postings, "RANKED", 3)
    posted = search(UNIT_INDEX, SearchRequest("бюджет", per_page=50))

    assert exact.total > 3
    assert (posted.total, posted.total_is_lower_bound) == (exact.total, False)
    assert facet_counts(posted) == facet_counts(exact)
    assert len(posted.pks) == 3 and set(posted.pks) <= set(exact.pks)


def test_above_ranked_the_likeliest_matches_are_ranked_not_the_first(built_base, monkeypatch):
    federal_law(
        "Статья 1. Общие положения\n1. Неустойка уплачивается поставщиком.\n"
        "2. Неустойка начисляется за каждый день.\n3. Неустойка взыскивается в суде.\n",
        "2-ФЗ", "О поставках", datetime.date(2024, 2, 1),
    )  # fmt: skip
    federal_law(
        "Статья 5. Неустойка\n1. Размер определяется договором.\n",
        "3-ФЗ", "О договорах", datetime.date(2024, 3, 1),
    )  # fmt: skip
    postings.build(UNIT_INDEX)
    exact = search(UNIT_INDEX, SearchRequest("неустойка", boosts=BOOSTS))
    monkeypatch.setattr(postings, "RANKED", 2)
    posted = search(UNIT_INDEX, SearchRequest("неустойка", boosts=BOOSTS))
    titled = StructuralUnit.objects.get(heading="Неустойка")

    # The article named «Неустойка» ranks first and has the highest id: chosen for its heading.
    assert exact.pks[0] == titled.pk == max(exact.pks)
    assert posted.pks[0] == titled.pk
    assert posted.total == exact.total == 4


def test_newest_first_among_many_goes_to_the_gin_index(built_base, monkeypatch):
    exact = search(UNIT_INDEX, SearchRequest("бюджет", sort=SORT_DATE, per_page=4))
    monkeypatch.setattr(postings, "RANKED", 3)
    newest = search(UNIT_INDEX, SearchRequest("бюджет", sort=SORT_DATE, per_page=4))
    monkeypatch.setattr(counting, "MAX_COUNTED", 3)
    beyond_the_cap = search(UNIT_INDEX, SearchRequest("бюджет", sort=SORT_DATE, per_page=4))

    assert newest.pks == beyond_the_cap.pks == exact.pks


def test_a_change_to_the_units_sets_the_postings_aside_until_the_next_build(built_base):
    query = build_search_query("неустойка")
    assert postings.matching(UNIT_INDEX, query) is not None
    unit = StructuralUnit.objects.current().filter(kind="part").first()
    StructuralUnit.objects.filter(pk=unit.pk).update(text="Неустойка начисляется за каждый день.")

    assert postings.matching(UNIT_INDEX, query) is None
    assert search(UNIT_INDEX, SearchRequest("неустойка")).pks == [unit.pk]
    postings.build(UNIT_INDEX)
    assert sorted(postings.matching(UNIT_INDEX, query).ids) == [unit.pk]


def test_what_the_index_does_not_read_leaves_the_postings_fresh(built_base):
    StructuralUnit.objects.current().update(note="Примечание редакции.", meaning=None)

    assert postings.is_fresh(UNIT_INDEX)


@pytest.mark.parametrize(
    "change",
    [
        lambda base: base["131-ФЗ"].topics.clear(),
        lambda base: TopicFactory(slug="budget-old").__class__.objects.filter(
            slug="budget"
        ).update(slug="budget-new"),
        lambda base: StructuralUnit.objects.filter(document=base["59-ФЗ"]).delete(),
        lambda base: federal_law(
            "Статья 1. Предмет\n1. Закон регулирует отношения.\n", "1-ФЗ", "О предмете",
            datetime.date(2024, 1, 1),
        ),
    ],
    ids=["topics", "topic-slug", "units-deleted", "act-imported"],
)  # fmt: skip
def test_every_change_the_index_reads_marks_the_postings_out_of_date(built_base, change):
    change(built_base)

    assert not postings.is_fresh(UNIT_INDEX)
    assert postings.build_stale() == {UNIT_INDEX.name: SearchPostings.objects.count()}
    assert postings.is_fresh(UNIT_INDEX)


def test_a_fresh_index_is_not_built_again(built_base):
    before = PostingsState.objects.get(index=UNIT_INDEX.name).built_at

    assert postings.build_stale() == {}
    assert PostingsState.objects.get(index=UNIT_INDEX.name).built_at == before


def test_an_import_queues_the_build_for_when_it_commits(
    legal_base, django_capture_on_commit_callbacks
):
    assert not postings.is_fresh(UNIT_INDEX)
    with django_capture_on_commit_callbacks(execute=True):
        load_similar_acts(1)

    assert postings.is_fresh(UNIT_INDEX)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("'бюджет'", ("word", "бюджет")),
        ("'бюджет' & ( 'посел' | 'округ' )",
         ("and", [("word", "бюджет"), ("or", [("word", "посел"), ("word", "округ")])])),
        ("'д''артаньян'", ("word", "д'артаньян")),
        ("'отвеч':* | 'ответ'", ("or", [("prefix", "отвеч"), ("word", "ответ")])),
        ("'a' | 'b' & 'c'", ("or", [("word", "a"), ("and", [("word", "b"), ("word", "c")])])),
    ],
)  # fmt: skip
def test_a_normalised_tsquery_of_words_and_brackets_is_read(text, tree):
    assert postings.parse(text) == tree


@pytest.mark.parametrize(
    "text",
    ["", "'a' <-> 'b'", "'a' <2> 'b'", "!'a'", "'a' & !'b'", "'отвеч':*A", "'a':A", "'a' & (",
     "( 'a'", "'a' 'b'"],
)  # fmt: skip
def test_what_the_postings_cannot_answer_exactly_goes_to_the_gin_index(text):
    assert postings.parse(text) is None


def test_a_search_from_the_postings_takes_a_bounded_number_of_queries(
    built_base, django_assert_max_num_queries
):
    search(UNIT_INDEX, SearchRequest("бюджет"))  # the facet sets, once per build and process
    with django_assert_max_num_queries(4):
        result = search(
            UNIT_INDEX, SearchRequest("бюджет поселения", filters={"kind": ["federal_law"]})
        )

    assert result.total


def test_the_trigger_counts_statements_not_rows(built_base):
    before = PostingsState.objects.get(index=UNIT_INDEX.name).generation
    with connection.cursor() as cursor:
        cursor.execute("UPDATE legal_vector_structuralunit SET heading = heading")

    assert PostingsState.objects.get(index=UNIT_INDEX.name).generation == before + 1


@pytest.mark.parametrize("text", ["бюджет поселения", "публичные слушания", "обращение"])
def test_the_site_search_finds_the_same_units_in_the_postings(built_base, monkeypatch, text):
    posted = legal_site_search.search(text, None, 10)
    through_gin(monkeypatch)
    scanned = legal_site_search.search(text, None, 10)

    assert [(i.url, str(i.snippet)) for i in posted.items] == [
        (i.url, str(i.snippet)) for i in scanned.items
    ]
    assert posted.total == scanned.total


def test_above_its_cap_the_site_search_counts_exactly_from_the_postings(built_base, monkeypatch):
    exact = legal_site_search.search("бюджет", None, 10)
    monkeypatch.setattr(site_search, "COUNT_CAP", 2)
    posted = legal_site_search.search("бюджет", None, 10)
    through_gin(monkeypatch)
    scanned = legal_site_search.search("бюджет", None, 10)

    assert exact.total > 3
    assert posted.total == exact.total and not getattr(posted.total, "is_lower_bound", False)
    assert scanned.total.is_lower_bound


def test_with_the_broker_down_an_import_commits_and_its_build_waits_in_the_outbox(
    legal_base, broker, django_capture_on_commit_callbacks
):
    broker.stop()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        load_similar_acts(1)

    assert time.monotonic() - started < QUICK_SECONDS
    waiting = OutboxMessage.objects.get(task=BUILD_TASK)
    assert waiting.args == [UNIT_INDEX.name]
    assert not postings.is_fresh(UNIT_INDEX)  # searches read the GIN index meanwhile
    broker.start()
    call_command("send_outbox", stdout=io.StringIO())
    assert queued(broker) == [(BUILD_TASK, [UNIT_INDEX.name])]
    assert not OutboxMessage.objects.exists()


ASKED = [
    "Кто утверждает бюджет поселения и отчёт о его исполнении?",
    "В какой срок рассматривается письменное обращение гражданина?",
    "Может ли глава муниципального образования избираться представительным органом?",
]


@pytest.mark.parametrize("question", ASKED)
def test_the_bots_candidates_from_the_postings_are_those_of_the_gin_index(
    built_base, monkeypatch, question
):
    concepts = concepts_of(question)
    query = retrieval.any_concept(concepts)
    posted = retrieval._candidates(concepts, query)
    best = [(unit.pk, unit.coverage) for unit in retrieval.ranked_units(concepts)]
    through_gin(monkeypatch)

    assert posted and posted == retrieval._candidates(concepts, query)
    assert best == [(unit.pk, unit.coverage) for unit in retrieval.ranked_units(concepts)]


@pytest.mark.parametrize("question", ASKED)
def test_capped_the_bots_candidates_come_from_the_highest_tiers(built_base, monkeypatch, question):
    concepts = concepts_of(question)
    holding = {
        pk: sum(1 for concept in concepts if pk in rules_holding(concept))
        for pk in retrieval.rules().values_list("pk", flat=True)
    }
    monkeypatch.setattr(retrieval, "MAX_UNIT_CANDIDATES", 4)
    posted = retrieval._candidates(concepts, retrieval.any_concept(concepts))

    taken = [holding[pk] for pk in posted]
    left = [n for pk, n in holding.items() if pk not in posted and n]
    assert 1 <= len(posted) <= 4  # a unit counted in each tier it is in fills several places
    assert min(taken) >= max(left, default=0)


def rules_holding(concept) -> set:
    rows = retrieval.rules().filter(search_vector=retrieval.raw_query(concept.query))
    return set(rows.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "text",
    ["'бюдж':*", "'бюдж':* & 'посел':*", "'отч':* | 'глав'", "'zz':*", "'публичн' & 'слуш':*"],
)
def test_a_prefix_is_read_as_every_word_it_starts(built_base, text):
    (found,) = postings.each_matching(UNIT_INDEX, [retrieval.raw_query(text)])
    expected = StructuralUnit.objects.current().filter(search_vector=retrieval.raw_query(text))

    assert sorted(found) == sorted(expected.values_list("pk", flat=True))


def test_the_bot_answers_from_the_postings_in_a_bounded_number_of_queries(
    client, built_base, django_assert_max_num_queries
):
    client.get(reverse("legal_vector:ask_api"), {"q": "когда бюджет поселения исполняется"})
    with django_assert_max_num_queries(9):
        response = client.get(
            reverse("legal_vector:ask_api"), {"q": "кто утверждает бюджет поселения ежегодно"}
        )

    assert response.json()["citations"]


def test_a_unit_edited_in_the_admin_is_found_through_rebuilt_postings(
    built_base, rf, admin_user, django_capture_on_commit_callbacks
):
    unit_admin = admin.site._registry[StructuralUnit]
    unit = StructuralUnit.objects.current().filter(kind="part").first()
    unit.text = "Неустойка начисляется за каждый день просрочки."
    with django_capture_on_commit_callbacks(execute=True):
        unit_admin.save_model(rf.post("/"), unit, form=None, change=True)

    assert postings.is_fresh(UNIT_INDEX)
    found = postings.matching(UNIT_INDEX, build_search_query("неустойка просрочки"))
    assert list(found.ids) == [unit.pk]

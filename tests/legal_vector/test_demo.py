"""The demo legal base: a realistic mix of statuses, territories of regional and municipal acts,
and demo Q&A items that cite units which exist."""

import io
from collections import Counter

import pytest

from legal_vector import demo, qa_demo
from legal_vector.models import Document, DocumentKind, DocumentStatus, QAItem, StructuralUnit

pytestmark = pytest.mark.django_db

ENSK_REGION = "54"
ENSK_CITY = "50701000"


@pytest.fixture
def demo_base():
    demo.seed(io.StringIO())


def test_demo_base_mixes_statuses(demo_base):
    statuses = Counter(Document.objects.values_list("status", flat=True))
    assert statuses[DocumentStatus.REPEALED] >= 2
    assert statuses[DocumentStatus.NOT_YET] == 1
    assert statuses[DocumentStatus.SUSPENDED] == 1
    assert statuses[DocumentStatus.IN_FORCE] > sum(statuses.values()) / 2
    # A repealed act and the act that replaced it are both in the base.
    repealed = Document.objects.get(number="9-ОЗ")
    assert repealed.status == DocumentStatus.REPEALED
    assert Document.objects.get(number="45-ОЗ").is_in_force


def test_regional_and_municipal_acts_carry_their_territory(demo_base):
    territorial = Document.objects.filter(
        kind__in=[DocumentKind.REGIONAL_LAW, DocumentKind.MUNICIPAL_ACT]
    ).select_related("region", "municipality__region")
    assert territorial.count() >= 15
    assert not territorial.filter(region__isnull=True).exists()
    for act in territorial.filter(kind=DocumentKind.MUNICIPAL_ACT):
        assert act.municipality.oktmo == ENSK_CITY
        assert act.municipality.region == act.region
    regions = Counter(act.region.code for act in territorial)
    # «Энская область» (the demo users' region) dominates; a second region fills the facet.
    assert regions.most_common(1)[0][0] == ENSK_REGION
    assert len(regions) == 2


def test_every_demo_answer_cites_existing_units(demo_base):
    documents = qa_demo.cited_documents()
    current = set(StructuralUnit.objects.current().values_list("document_id", "stable_key"))
    missing = [
        (name, key)
        for *_, refs in qa_demo.ITEMS
        for name, key in refs
        if name not in documents or (documents[name].pk, key) not in current
    ]
    assert missing == [], missing


def test_demo_questions_are_distinct_and_written_by_hand(demo_base):
    questions = [question for question, *_ in qa_demo.ITEMS]
    wordings = [
        w for question, alternatives, *_ in qa_demo.ITEMS for w in [question, *alternatives]
    ]
    assert len(set(questions)) == len(questions) >= 220
    assert len(set(wordings)) == len(wordings)
    assert QAItem.objects.count() == len(wordings)
    assert not QAItem.objects.filter(question__startswith="Подскажите, пожалуйста").exists()


def test_a_demo_act_seeded_from_an_older_wording_is_imported_afresh(demo_base):
    document = Document.objects.get(number="131-ФЗ")
    original = document.editions.order_by("valid_from").first()
    # As a base seeded before the demo text was rewritten, and before acts got a territory.
    original.__class__.objects.filter(pk=original.pk).update(checksum="older wording")
    zarechye = Document.objects.get(number="104-ОЗ")
    Document.objects.filter(pk=zarechye.pk).update(region=None)

    demo.seed(io.StringIO())

    assert not Document.objects.filter(pk__in=[document.pk, zarechye.pk]).exists()
    renewed = Document.objects.get(number="131-ФЗ")
    assert renewed.editions.count() == 2
    assert Document.objects.get(number="104-ОЗ").region.code == "74"
    assert Document.objects.filter(number="131-ФЗ").count() == 1


def test_seeding_an_unchanged_demo_base_again_keeps_every_act(demo_base):
    before = set(Document.objects.values_list("pk", flat=True))
    demo.seed(io.StringIO())
    assert set(Document.objects.values_list("pk", flat=True)) == before

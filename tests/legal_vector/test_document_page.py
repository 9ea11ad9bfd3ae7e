import datetime

import pytest
from django.urls import reverse

from legal_vector.models import Document, StructuralUnit
from tests.legal_vector.conftest import SAMPLE_CODE, SAMPLE_MUNICIPAL_ACT, import_sample
from tests.legal_vector.factories import (
    DocumentFactory,
    EditionFactory,
    StructuralUnitFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def unit(document, key):
    return (
        StructuralUnit.objects.current()
        .select_related("document")
        .get(document=document, stable_key=key)
    )


def test_unit_label_and_citation_name_the_unit_and_the_act(law):
    part = unit(law, "st14/ch1")

    assert part.label() == "ч. 1 ст. 14"
    assert part.citation() == "ч. 1 ст. 14 Федерального закона от 06.10.2003 № 131-ФЗ"
    assert part.get_absolute_url() == f"/legal/documents/{law.pk}/u/st14/ch1/"


def test_code_citations_use_the_name_for_citations():
    code = import_sample(SAMPLE_CODE).document
    code.citation_name = "Бюджетного кодекса Российской Федерации"
    code.save()

    point = unit(code, "st81/p2")

    assert point.citation() == "п. 2 ст. 81 Бюджетного кодекса Российской Федерации"
    assert code.requisites() == "Бюджетный кодекс Российской Федерации от 31.07.1998 № 145-ФЗ"


def test_in_force_excludes_repealed_documents():
    active = DocumentFactory()
    DocumentFactory(status="repealed")

    assert list(Document.objects.in_force()) == [active]


def test_document_page_shows_requisites_contents_and_anchored_units(client, law):
    response = client.get(law.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "Федеральный закон от 06.10.2003 № 131-ФЗ" in html
    assert 'class="status status--ok"' in html
    assert '<a href="#st14">Статья 14. Вопросы местного значения городского поселения</a>' in html
    assert 'id="st14/ch1/p2/ppa"' in html
    assert 'data-cited-as="Федерального закона от 06.10.2003 № 131-ФЗ"' in html
    assert '<div id="st14/ch1" class="legal-unit legal-unit--part legal-depth-2"' in html
    assert 'data-label="ч. 1 ст. 14"' in html


def test_references_in_the_text_are_links_to_the_cited_unit(client, law):
    html = client.get(law.get_absolute_url()).content.decode()

    link = f'<a class="legal-ref" href="/legal/documents/{law.pk}/u/st14/ch1/">части 1 настоящей'
    assert link in html


def test_unit_panel_offers_the_citation_and_the_link_without_javascript(client, law):
    response = client.get(law.get_absolute_url(), {"unit": "st36/ch2"})
    html = response.content.decode()

    assert 'value="ч. 2 ст. 36 Федерального закона от 06.10.2003 № 131-ФЗ"' in html
    assert f'value="http://testserver/legal/documents/{law.pk}/u/st36/ch2/"' in html
    assert "Войдите</a>, чтобы добавлять закладки" in html


def test_verified_employee_sees_bookmark_and_subscription_forms(client, employee, law):
    client.force_login(employee)

    html = client.get(law.get_absolute_url(), {"unit": "st36/ch2"}).content.decode()

    assert 'name="stable_key" value="st36/ch2">' in html
    assert '<label for="unit-bookmark-folder">Папка</label>' in html
    assert "В закладки: ч. 2 ст. 36" in html
    assert "Следить за изменениями: ч. 2 ст. 36" in html


def test_unverified_user_with_a_confirmed_email_gets_bookmark_forms(client, unverified_user, law):
    client.force_login(unverified_user)

    response = client.get(law.get_absolute_url())

    assert response.status_code == 200
    assert reverse("legal_vector:bookmark_add") in response.content.decode()


def test_guest_reads_but_gets_no_bookmark_forms(client, law):
    response = client.get(law.get_absolute_url())

    assert response.status_code == 200
    assert reverse("legal_vector:bookmark_add") not in response.content.decode()


def test_as_of_shows_the_edition_in_force_on_that_date(client, amended_law):
    old = client.get(amended_law.get_absolute_url(), {"as_of": "2022-06-01"}).content.decode()
    new = client.get(amended_law.get_absolute_url()).content.decode()

    assert "является высшим должностным лицом.</p>" in old
    assert "Показана редакция с 01.01.2020 по 31.12.2024" in old
    assert "высшим должностным лицом муниципального образования." in new
    assert 'id="st36/ch3"' in new and 'id="st36/ch3"' not in old


def test_as_of_before_the_first_edition_says_the_act_was_not_yet_in_force(client, law):
    html = client.get(law.get_absolute_url(), {"as_of": "2001-01-01"}).content.decode()

    assert "документ ещё не действовал" in html


def test_malformed_as_of_date_shows_the_current_edition_with_a_message(client, law):
    html = client.get(law.get_absolute_url(), {"as_of": "вчера"}).content.decode()

    assert "нужен формат ГГГГ-ММ-ДД" in html
    assert 'id="st14"' in html


def test_backlinks_list_the_documents_that_cite_this_one(client, law):
    act = import_sample(SAMPLE_MUNICIPAL_ACT).document

    html = client.get(law.get_absolute_url()).content.decode()

    assert "Где упоминается" in html
    assert f"/legal/documents/{act.pk}/u/preamble/" in html


def test_missing_document_is_not_found(client):
    assert client.get(reverse("legal_vector:document", args=[999999])).status_code == 404


def test_diff_shows_what_changed_unit_by_unit(client, amended_law):
    response = client.get(reverse("legal_vector:diff", args=[amended_law.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<ins>муниципального образования.</ins>" in html or "<ins>" in html
    assert "ч. 1 ст. 36" in html and "изменено" in html
    assert "ч. 3 ст. 36" in html and "добавлено" in html
    assert "ст. 14" not in html.split("Что изменилось")[1].split("ч. 1 ст. 36")[0]


def test_diff_of_a_document_with_one_edition_is_not_found(client, law):
    assert client.get(reverse("legal_vector:diff", args=[law.pk])).status_code == 404


def _document_with_units(count):
    edition = EditionFactory()
    for number in range(1, count + 1):
        StructuralUnitFactory(edition=edition, number=str(number), position=number)
    edition.document.topics.add(TopicFactory())
    return edition.document


@pytest.mark.parametrize("units", [3, 120])
def test_document_page_runs_a_bounded_number_of_queries(
    client, employee, units, django_assert_max_num_queries
):
    document = _document_with_units(units)
    client.force_login(employee)

    # 17 with the practices relying on the document (one query, a registry block of practices).
    with django_assert_max_num_queries(17):
        response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('class="legal-unit ') == units


def test_landing_shows_topics_popular_and_recent_documents(client, law):
    topic = TopicFactory(name="Местное самоуправление", slug="msu")
    law.topics.add(topic)

    html = client.get(reverse("legal_vector:index")).content.decode()

    assert 'action="/legal/search/"' in html
    assert 'Местное самоуправление</a> <span class="meta">(1)</span>' in html
    assert law.title in html


def test_landing_lists_the_documents_of_a_topic(client, law):
    topic = TopicFactory(slug="msu")
    law.topics.add(topic)
    other = DocumentFactory(title="Документ без темы")

    html = client.get(reverse("legal_vector:index"), {"topic": "msu"}).content.decode()

    assert f"Тема: {topic.name}" in html
    assert html.count(law.get_absolute_url()) >= 1
    assert html.split("Тема:")[1].split("</section>")[0].count(other.title) == 0


@pytest.mark.parametrize("documents", [2, 40])
def test_landing_runs_a_bounded_number_of_queries(
    client, employee, documents, django_assert_max_num_queries
):
    for index in range(documents):
        DocumentFactory(adopted_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=index))
    TopicFactory(parent=TopicFactory())
    client.force_login(employee)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("legal_vector:index"), {"topic": "topic-x"})

    assert response.status_code == 200


def test_document_page_lists_published_questions_that_cite_it(client, law):
    from legal_vector.models import QACitation, QAItem

    shown = QAItem.objects.create(question="Кто избирает главу?", answer="Представительный орган.")
    hidden = QAItem.objects.create(question="Черновик?", answer="Да.", is_published=False)
    for item in (shown, hidden):
        QACitation.objects.create(item=item, document=law, stable_key="st36/ch2")

    html = client.get(law.get_absolute_url()).content.decode()

    assert "Кто избирает главу?" in html
    assert "Черновик?" not in html


def test_the_page_shows_pins_and_folders_changed_since_the_last_view(client, employee, law):
    from legal_vector.models import Bookmark, BookmarkFolder, Subscription

    client.force_login(employee)
    client.get(law.get_absolute_url(), {"unit": "st36/ch2"})

    folder = BookmarkFolder.objects.create(user=employee, name="Выборы")
    Bookmark.objects.place(employee, law, "st36/ch2", "ч. 2 ст. 36")
    html = client.get(law.get_absolute_url(), {"unit": "st36/ch2"}).content.decode()
    assert "В закладках: ч. 2 ст. 36" in html
    assert f'<option value="{folder.pk}">Выборы</option>' in html

    Bookmark.objects.filter(user=employee).delete()
    Subscription.objects.pin(employee, law, "st36/ch2", "ч. 2 ст. 36")
    html = client.get(law.get_absolute_url(), {"unit": "st36/ch2"}).content.decode()
    assert "В закладки: ч. 2 ст. 36" in html
    assert "Вы подписаны на изменения: ч. 2 ст. 36" in html


def test_views_are_counted_by_sample_for_the_popular_list(client, law, monkeypatch):
    from legal_vector.models import Document
    from legal_vector.views import documents

    monkeypatch.setattr(documents, "VIEW_SAMPLE_RATE", 1.0)
    before = Document.objects.get(pk=law.pk).view_count
    client.get(law.get_absolute_url())
    client.get(law.get_absolute_url())
    assert Document.objects.get(pk=law.pk).view_count == before + 2


def test_a_court_s_operative_part_is_shown_and_cited_as_such(client):
    from tests.legal_vector.test_parser_layouts import APPEAL_RULING

    ruling = import_sample(APPEAL_RULING, kind="court_decision", status="in_force").document
    html = client.get(ruling.get_absolute_url()).content.decode()
    operative = unit(ruling, "resolution")

    assert '<div id="resolution" class="legal-unit legal-unit--resolution' in html
    assert "<p><strong>Определила:</strong></p>" in html
    assert operative.citation().startswith("резолютивная часть ")
    assert "33а-1187/2025" in operative.citation()

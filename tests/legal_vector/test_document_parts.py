"""A large act is read in parts (one per chapter); unit permalinks find the right part."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from legal_vector import reading
from legal_vector.bot.answering import BotCitation
from legal_vector.models import (
    Bookmark,
    ConsultationCitation,
    Reference,
    StructuralUnit,
    Subscription,
)
from legal_vector.reading import build_outline
from tests.legal_vector.factories import EditionFactory

pytestmark = pytest.mark.django_db

TEXT = "Органы местного самоуправления решают вопросы местного значения."


@pytest.fixture(autouse=True)
def _small_threshold(monkeypatch):
    """Acts of a dozen units count as large here, so that the tests stay quick."""
    monkeypatch.setattr(reading, "PARTS_THRESHOLD", 10)
    monkeypatch.setattr(reading, "ARTICLES_PER_PART", 3)


def _unit(edition, position, kind, number, key, label, depth, text=TEXT, heading=""):
    return StructuralUnit(
        edition=edition,
        document=edition.document,
        kind=kind,
        number=number,
        heading=heading,
        text=text,
        stable_key=key,
        short_label=label,
        position=position,
        depth=depth,
    )


def make_act(chapters=3, articles=2, section=False, edition=None):
    """A preamble, then `chapters` chapters of `articles` articles with two parts each.

    With `section`, «Раздел I» opens the act right after the preamble. Articles are numbered
    through the act: st1, st2 in gl1, st3, st4 in gl2…
    """
    edition = edition or EditionFactory()
    units = [_unit(edition, 0, "preamble", "", "preamble", "преамбула", 0)]
    if section:
        units.append(_unit(edition, 1, "section", "I", "ri", "разд. I", 0, "", "Общие положения"))
    number = 0
    for chapter in range(1, chapters + 1):
        units.append(
            _unit(
                edition,
                len(units),
                "chapter",
                str(chapter),
                f"gl{chapter}",
                f"гл. {chapter}",
                0,
                "",
                f"Глава о предмете {chapter}",
            )  # fmt: skip
        )
        for _article in range(articles):
            number += 1
            units.append(
                _unit(
                    edition,
                    len(units),
                    "article",
                    str(number),
                    f"st{number}",
                    f"ст. {number}",
                    1,
                    "",
                    f"Статья о предмете {number}",
                )  # fmt: skip
            )
            for part in (1, 2):
                units.append(
                    _unit(
                        edition,
                        len(units),
                        "part",
                        str(part),
                        f"st{number}/ch{part}",
                        f"ч. {part} ст. {number}",
                        2,
                    )  # fmt: skip
                )
    StructuralUnit.objects.bulk_create(units)
    return edition.document


def make_act_without_chapters(articles=7):
    edition = EditionFactory()
    units = [_unit(edition, 0, "preamble", "", "preamble", "преамбула", 0)]
    for number in range(1, articles + 1):
        units.append(
            _unit(edition, len(units), "article", str(number), f"st{number}", f"ст. {number}", 0)
        )
    StructuralUnit.objects.bulk_create(units)
    return edition.document


def html_of(client, document, **params):
    response = client.get(document.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def outline_of(document):
    return build_outline(document.editions.get(is_current=True))


def test_a_part_per_chapter_with_the_preamble_in_the_first():
    outline = outline_of(make_act(chapters=3))

    assert [part.key for part in outline.parts] == ["gl1", "gl2", "gl3"]
    assert outline.parts[0].start == 0
    assert outline.parts[0].label == "Глава 1. Глава о предмете 1"
    assert outline.part_at(outline.parts[1].start).key == "gl2"
    assert outline.parts[-1].end is None


def test_a_section_heading_opens_no_part_of_its_own():
    outline = outline_of(make_act(chapters=2, section=True))

    assert [part.key for part in outline.parts] == ["ri", "gl2"]
    assert outline.parts[0].label == "Раздел I. Общие положения Глава 1. Глава о предмете 1"


def test_an_act_without_chapters_is_split_by_groups_of_articles(monkeypatch):
    monkeypatch.setattr(reading, "PARTS_THRESHOLD", 5)
    outline = outline_of(make_act_without_chapters(articles=7))

    assert [part.key for part in outline.parts] == ["st1", "st4", "st7"]
    assert [part.label for part in outline.parts] == ["Статьи 1–3", "Статьи 4–6", "Статья 7"]


def test_a_small_act_is_read_on_one_page(client, monkeypatch):
    monkeypatch.setattr(reading, "PARTS_THRESHOLD", 300)
    document = make_act(chapters=3)

    html = html_of(client, document)

    assert not outline_of(document).parts
    assert 'id="st6/ch2"' in html and 'id="st1"' in html
    assert "?part=" not in html and "Весь документ одной страницей" not in html


def test_a_large_act_opens_on_its_first_chapter_with_the_whole_contents(client):
    document = make_act(chapters=3)

    html = html_of(client, document)

    assert 'id="preamble"' in html and 'id="st2/ch2"' in html
    assert 'id="st3"' not in html
    assert "Часть 1 из 3: <strong>Глава 1. Глава о предмете 1</strong>" in html
    assert '<a href="#st2">Статья 2. Статья о предмете 2</a>' in html
    assert '<a href="?part=gl3#st6">Статья 6. Статья о предмете 6</a>' in html
    next_link = '<a rel="next" href="?part=gl2">Следующая часть: Глава 2. Глава о предмете 2 →</a>'
    assert next_link in html
    assert 'rel="prev"' not in html
    assert '<a href="?part=all">Весь документ одной страницей</a>' in html


def test_the_part_parameter_shows_that_chapter_between_its_neighbours(client):
    document = make_act(chapters=3)

    html = html_of(client, document, part="gl2")

    assert 'id="st3/ch1"' in html and 'id="st4/ch2"' in html
    assert 'id="st2"' not in html and 'id="st5"' not in html
    assert "Часть 2 из 3" in html
    assert '<a rel="prev" href="?part=gl1">← Предыдущая часть: Глава 1.' in html
    assert '<a rel="next" href="?part=gl3">' in html
    assert '<a href="?part=gl1#st1">' in html and '<a href="#st3">' in html


def test_an_unknown_part_shows_the_first(client):
    html = html_of(client, make_act(chapters=3), part="gl99")

    assert "Часть 1 из 3" in html and 'id="st1"' in html


def test_the_whole_act_on_one_page_keeps_its_unit_links_on_that_page(client):
    document = make_act(chapters=3)

    html = html_of(client, document, part="all")

    assert 'id="st1"' in html and 'id="st6/ch2"' in html
    assert "Документ показан целиком." in html
    assert '<a href="#st6">' in html
    assert 'href="?unit=st6/ch2&amp;part=all#selected-unit"' in html


def test_the_selected_unit_opens_its_part_with_the_panel(client):
    document = make_act(chapters=3)

    html = html_of(client, document, unit="st5/ch1")

    assert "Часть 3 из 3" in html
    assert 'id="st5/ch1"' in html and 'id="st1"' not in html
    assert 'id="selected-unit"' in html
    assert f"/legal/documents/{document.pk}/u/st5/ch1/" in html


def test_the_date_of_the_edition_is_kept_in_the_links_between_parts(client):
    document = make_act(chapters=3)
    document.editions.update(valid_from=datetime.date(2020, 1, 1))

    html = html_of(client, document, as_of="2024-05-01", part="gl2")

    assert '<a rel="next" href="?part=gl3&amp;as_of=2024-05-01">' in html
    assert '<a href="?part=gl1&amp;as_of=2024-05-01#st1">' in html
    assert '<a href="?part=all&amp;as_of=2024-05-01">' in html
    assert 'href="?unit=st3&amp;as_of=2024-05-01#selected-unit"' in html


def test_each_edition_is_split_by_its_own_chapters(client):
    document = make_act(chapters=2)
    current = document.editions.get()
    current.valid_from = datetime.date(2025, 1, 1)
    current.save()
    old = EditionFactory(document=document, is_current=False, valid_from=datetime.date(2020, 1, 1))
    make_act(chapters=3, edition=old)

    html = html_of(client, document, as_of="2021-01-01")

    assert "Часть 1 из 3" in html


def test_a_unit_permalink_leads_to_its_part_and_anchor(client):
    document = make_act(chapters=3)

    response = client.get(reverse("legal_vector:unit", args=[document.pk, "st4/ch2"]))

    assert response.status_code == 302
    assert response.url == f"/legal/documents/{document.pk}/?part=gl2#st4/ch2"


def test_a_permalink_into_a_small_act_leads_to_the_anchor(client, monkeypatch):
    monkeypatch.setattr(reading, "PARTS_THRESHOLD", 300)
    document = make_act(chapters=3)

    response = client.get(f"/legal/documents/{document.pk}/u/st4/ch2/")

    assert response.url == f"/legal/documents/{document.pk}/#st4/ch2"


def test_a_permalink_keeps_the_date_of_the_edition(client):
    document = make_act(chapters=3)
    document.editions.update(valid_from=datetime.date(2020, 1, 1))

    response = client.get(f"/legal/documents/{document.pk}/u/st6/", {"as_of": "2024-05-01"})

    assert response.url == f"/legal/documents/{document.pk}/?part=gl3&as_of=2024-05-01#st6"


def test_a_permalink_to_a_unit_the_edition_lacks_leads_to_the_document(client):
    document = make_act(chapters=3)

    response = client.get(f"/legal/documents/{document.pk}/u/st99/")

    assert response.url == f"/legal/documents/{document.pk}/#st99"


def test_a_permalink_into_a_missing_document_is_not_found(client):
    assert client.get("/legal/documents/999999/u/st1/").status_code == 404


def test_links_to_units_from_pins_citations_and_references_are_permalinks(employee):
    document = make_act(chapters=3)
    unit = StructuralUnit.objects.get(document=document, stable_key="st4/ch2")
    permalink = f"/legal/documents/{document.pk}/u/st4/ch2/"

    bookmark = Bookmark.objects.place(employee, document, "st4/ch2", "ч. 2 ст. 4")[0]
    subscription = Subscription(user=employee, document=document, stable_key="st4/ch2")
    citation = ConsultationCitation(document=document, stable_key="st4/ch2")
    reference = Reference(source_unit=unit, target_document=document, target_key="st4/ch2")

    assert unit.get_absolute_url() == permalink
    assert bookmark.get_absolute_url() == permalink
    assert subscription.get_absolute_url() == permalink
    assert citation.get_absolute_url() == permalink
    assert reference.get_absolute_url() == permalink
    assert Subscription(user=employee, document=document).get_absolute_url() == (
        document.get_absolute_url()
    )


def test_the_copy_action_builds_permalinks_from_the_page(client):
    document = make_act(chapters=3)
    document.editions.update(valid_from=datetime.date(2020, 1, 1))

    html = html_of(client, document, as_of="2024-05-01")

    base = f"http://testserver/legal/documents/{document.pk}/u/"
    assert f'data-unit-url-base="{base}" data-unit-url-query="?as_of=2024-05-01"' in html


def test_the_part_page_runs_a_bounded_number_of_queries(
    client, employee, django_assert_max_num_queries
):
    document = make_act(chapters=3, articles=10)
    client.force_login(employee)

    with django_assert_max_num_queries(18):
        cold = client.get(document.get_absolute_url(), {"part": "gl2"})
    with CaptureQueriesContext(connection) as warm:
        client.get(document.get_absolute_url(), {"part": "gl2"})

    assert cold.status_code == 200
    assert cold.content.decode().count('class="legal-unit ') == 1 + 10 * 3
    assert len(warm) <= 9
    assert not [q for q in warm.captured_queries if "legal_vector_structuralunit" in q["sql"]]


def test_the_bots_citation_url_lands_on_the_unit(client):
    document = make_act(chapters=3)
    unit = StructuralUnit.objects.select_related("document").get(stable_key="st5/ch1")

    url = BotCitation.of_unit(unit).url
    response = client.get(url)

    assert url == f"/legal/documents/{document.pk}/u/st5/ch1/"
    assert response.url == f"/legal/documents/{document.pk}/?part=gl3#st5/ch1"
    assert 'id="st5/ch1"' in client.get(response.url).content.decode()

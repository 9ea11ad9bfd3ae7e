"""The navigator as rendered on pages: the home block and the ready solutions."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from navigator.models import ReadySolutionIndexPage, ReadySolutionPage
from portal.pages.demo import ensure_home_page
from tests.navigator.factories import SupportMeasureFactory
from tests.portal.page_helpers import add_draft, publish

pytestmark = pytest.mark.django_db


def closing_in(days, title, **fields):
    return SupportMeasureFactory(
        title=title, closes_on=timezone.localdate() + timedelta(days=days), **fields
    )


def home_block(client):
    """The «Скоро завершается приём» section of the rendered home page."""
    html = client.get("/").content.decode()
    start = html.index('id="home-block-navigator-closing"')
    return html[start : html.index("</section>", start)]


def test_the_home_page_lists_published_measures_closing_within_two_weeks(client):
    ensure_home_page()
    soon = closing_in(5, "Грант на ремонт школ")
    closing_in(5, "Черновик гранта", live=False)
    closing_in(30, "Субсидия с долгим приёмом")
    closing_in(-1, "Конкурс, который уже закрылся")
    block = home_block(client)
    assert "Скоро завершается приём" in block
    assert f'<a href="{soon.get_absolute_url()}">Грант на ремонт школ</a>' in block
    assert "Осталось 5 дней" in block
    assert "Черновик гранта" not in block
    assert "Субсидия с долгим приёмом" not in block
    assert "Конкурс, который уже закрылся" not in block
    assert "?sort=closing&amp;status=open" in block


def test_the_home_block_says_so_when_nothing_closes_soon(client):
    ensure_home_page()
    closing_in(30, "Субсидия с долгим приёмом")
    block = home_block(client)
    assert "В ближайшие дни приём заявок не завершается." in block
    assert "Субсидия с долгим приёмом" not in block


def test_the_home_block_escapes_measure_titles(client):
    ensure_home_page()
    closing_in(3, "<script>alert(1)</script> Грант")
    block = home_block(client)
    assert "<script>alert(1)</script>" not in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Грант" in block


@pytest.fixture
def solutions_index():
    return publish(ensure_home_page(), ReadySolutionIndexPage(title="Решения", slug="resheniya"))


def solution(index, slug, measures=(), draft=False):
    steps = [{"type": "step", "value": {"title": "Собрать жителей", "text": "<p>Сход.</p>"}}]
    page = ReadySolutionPage(
        title=f"Решение {slug}",
        slug=slug,
        problem="Дворы не ремонтировались много лет.",
        steps=json.dumps(steps),
        measures=json.dumps([{"type": "measure", "value": m.pk} for m in measures]),
    )
    return (add_draft if draft else publish)(index, page)


def test_a_ready_solution_lists_its_published_measures_only(client, solutions_index):
    published = SupportMeasureFactory(title="Грант на дворы")
    withdrawn = SupportMeasureFactory(title="Снятая мера", live=False)
    page = solution(solutions_index, "dvory", measures=[published, withdrawn])
    html = client.get(page.url).content.decode()
    assert "План по шагам" in html and "Собрать жителей" in html
    assert f'<a href="{published.get_absolute_url()}">Грант на дворы</a>' in html
    assert "Снятая мера" not in html


def test_the_catalogue_lists_live_solutions_and_hides_drafts(client, solutions_index):
    live = solution(solutions_index, "dvory")
    solution(solutions_index, "chernovik", draft=True)
    html = client.get(solutions_index.url).content.decode()
    assert live.title in html
    assert "Решение chernovik" not in html

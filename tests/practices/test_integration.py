"""What practices give the rest of the portal: site search, home block, export, related list."""

import pytest
from django.template.loader import render_to_string

from portal import registry
from portal.models import Sphere
from practices.models import Practice
from tests.navigator.factories import SupportMeasureFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_site_search_shows_practices_with_plain_text_snippets(client):
    PracticeFactory(
        title="Раздельный сбор отходов",
        problem="Все отходы шли на полигон.",
        contact_email="secret@example.ru",
    )
    PracticeFactory(title="Черновик про отходы", live=False)
    html = client.get("/search/", {"q": "отходы"}).content.decode()
    assert "Муниципальные практики" in html
    assert "Раздельный сбор отходов" in html
    assert "Черновик про отходы" not in html
    assert "secret@example.ru" not in html
    assert "&lt;mark&gt;" not in html


def test_site_search_reports_the_total_beyond_the_shown_items(django_assert_max_num_queries):
    for number in range(7):
        PracticeFactory(title=f"Отходы: практика {number}")
    provider = registry.search_providers["practices"]
    with django_assert_max_num_queries(4):
        found = provider.search("отходы", None, 5)
    assert (len(found.items), found.total) == (5, 7)
    assert found.items[0].url.startswith("/practices/")


def test_the_home_block_lists_the_newest_practices():
    block = registry.home_blocks["practices-newest"]
    PracticeFactory(title="Опубликованная практика")
    PracticeFactory(title="Неопубликованная практика", live=False)
    html = render_to_string(block.template, block.get_context())
    assert "Опубликованная практика" in html
    assert "Неопубликованная практика" not in html


def test_a_new_practice_refreshes_the_cached_home_page():
    from portal.pages.cache import home_cache_version

    before = home_cache_version()
    PracticeFactory()
    assert home_cache_version() != before


def test_the_personal_data_export_lists_the_practices_the_user_wrote(client, employee):
    PracticeFactory(title="Моя практика", author=employee)
    PracticeFactory(title="Чужая практика")
    data = registry.personal_data_exporters["practices"](employee)
    assert [row["title"] for row in data] == ["Моя практика"]


def test_the_related_practices_include_renders_links_municipality_and_result():
    yards = Sphere.objects.get(slug="urban-2")
    measure = SupportMeasureFactory(spheres=[yards])
    practice = PracticeFactory(spheres=[yards], key_result="Благоустроено 118 дворов")
    html = render_to_string(
        "practices/includes/related_practices.html",
        {"practices": Practice.objects.related_to_measure(measure)},
    )
    assert f'href="{practice.get_absolute_url()}"' in html
    assert str(practice.municipality) in html and str(practice.municipality.region) in html
    assert "Благоустроено 118 дворов" in html
    assert 'aria-labelledby="related-practices-title"' in html
    empty = render_to_string("practices/includes/related_practices.html", {"practices": []})
    assert empty.strip() == ""

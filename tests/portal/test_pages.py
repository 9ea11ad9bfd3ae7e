from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page

from portal import registry
from portal.pages.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)
from portal.registry import ordered, services
from tests.portal.page_helpers import add_event, add_news, add_standard, home_with_indexes

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return home_with_indexes()


def test_home_page_replaces_the_welcome_page_at_the_site_root(client, tree):
    home, _, _ = tree
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["page"].pk == home.pk
    assert not Page.objects.filter(slug="home").exclude(pk=home.pk).exists()


def test_page_types_allow_only_the_intended_hierarchy():
    home_children = HomePage.allowed_subpage_models()
    assert {NewsIndexPage, EventIndexPage, StandardPage} <= set(home_children)
    assert NewsPage not in home_children
    assert EventPage not in home_children
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert NewsPage.allowed_subpage_models() == []
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert StandardPage.allowed_parent_page_models() == [HomePage, StandardPage]


def test_news_cannot_be_created_directly_under_the_home_page(tree):
    home, _, _ = tree
    assert not NewsPage.can_create_at(home)
    assert not EventPage.can_create_at(home)
    assert StandardPage.can_create_at(home)


def test_home_shows_a_tile_for_each_of_the_five_services(client, tree):
    html = client.get("/").content.decode()
    assert len(services) == 5
    for service in ordered(services):
        assert service.title in html
    for url in ["/legal/", "/navigator/", "/practices/", "/academy/", "/dialog/"]:
        assert f'href="{url}"' in html


def test_home_tiles_follow_what_editors_wrote(client, tree):
    home, _, _ = tree
    home.tiles = [
        ("service", {"service": "academy:index", "title": "Учиться", "description": "Курсы"})
    ]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'class="tile service-tile" href="/academy/"' in html
    assert html.count('class="tile service-tile"') == 1


@pytest.fixture
def block_template(settings, tmp_path):
    (tmp_path / "home_block.html").write_text(
        "<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>", encoding="utf-8"
    )
    engine = {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    settings.TEMPLATES = [engine]
    return "home_block.html"


def test_home_renders_blocks_registered_by_services(client, tree, monkeypatch, block_template):
    block = registry.HomeBlock(
        key="deadlines",
        title="Ближайшие сроки",
        template=block_template,
        get_context=lambda: {"items": ["Заявка на субсидию до 1 декабря"]},
    )
    monkeypatch.setitem(registry.home_blocks, block.key, block)
    html = client.get("/").content.decode()
    assert '<h2 id="home-block-deadlines">Ближайшие сроки</h2>' in html
    assert "<li>Заявка на субсидию до 1 декабря</li>" in html


def test_a_failing_home_block_is_left_out_and_the_home_page_still_works(client, tree, monkeypatch):
    def broken():
        raise RuntimeError("service is down")

    block = registry.HomeBlock(
        key="broken", title="Сломанный блок", template="x.html", get_context=broken
    )
    monkeypatch.setitem(registry.home_blocks, block.key, block)
    response = client.get("/")
    assert response.status_code == 200
    assert "Сломанный блок" not in response.content.decode()


def test_home_lists_latest_news_and_upcoming_events_only(client, tree):
    _, news_index, events_index = tree
    for number in range(5):
        add_news(news_index, number, days_ago=number)
    add_event(events_index, 1, days_from_now=3)
    add_event(events_index, 2, days_from_now=-3)
    context = client.get("/").context
    assert [n.title for n in context["latest_news"]] == [f"Новость номер {i}" for i in range(3)]
    assert [e.title for e in context["upcoming_events"]] == ["Мероприятие номер 1"]


def test_home_page_runs_a_bounded_number_of_queries(client, tree, django_assert_max_num_queries):
    _, news_index, events_index = tree
    for number in range(12):
        add_news(news_index, number)
        add_event(events_index, number, days_from_now=number + 1)
    # A query string bypasses the response cache, so this measures a full render.
    # 17: the home blocks added this session cost a fixed number each, whatever the data:
    # «Муниципальная академия» (view restrictions + courses), «Новые практики» (one query),
    # the dialog's most supported problems (one query).
    with django_assert_max_num_queries(17):
        assert client.get("/", {"nocache": "1"}).status_code == 200


def test_news_index_lists_news_newest_first_ten_per_page(client, tree):
    _, news_index, _ = tree
    for number in range(12):
        add_news(news_index, number, days_ago=number)
    first = client.get("/news/").context["news_page"]
    second = client.get("/news/", {"page": 2}).context["news_page"]
    assert [n.title for n in first][:2] == ["Новость номер 0", "Новость номер 1"]
    assert len(first) == 10
    assert [n.title for n in second] == ["Новость номер 10", "Новость номер 11"]


def test_news_index_filters_by_tag(client, tree):
    _, news_index, _ = tree
    tagged = add_news(news_index, 1)
    tagged.tags.add("ЖКХ")
    tagged.save()
    add_news(news_index, 2)
    response = client.get("/news/", {"tag": "ЖКХ"})
    assert [n.title for n in response.context["news_page"]] == ["Новость номер 1"]
    assert "Новости с тегом «ЖКХ»" in response.content.decode()


def test_news_index_runs_a_bounded_number_of_queries(client, tree, django_assert_max_num_queries):
    _, news_index, _ = tree
    for number in range(15):
        news = add_news(news_index, number)
        news.tags.add("портал", f"тег {number}")
        news.save()
    with django_assert_max_num_queries(15):
        assert client.get("/news/").status_code == 200


def test_draft_news_is_not_listed_or_served(client, tree):
    _, news_index, _ = tree
    add_news(news_index, 1, draft=True)
    assert list(client.get("/news/").context["news_page"]) == []
    assert client.get("/news/news-1/").status_code == 404


def test_news_page_shows_lead_body_and_breadcrumbs(client, tree):
    _, news_index, _ = tree
    add_news(news_index, 7)
    html = client.get("/news/news-7/").content.decode()
    assert "Анонс новости 7" in html
    assert "<p>Текст новости 7</p>" in html
    assert (
        '<li><a href="/news/">Новости</a></li><li aria-current="page">Новость номер 7</li>' in html
    )


def test_event_index_separates_upcoming_and_past_events(client, tree):
    _, _, events_index = tree
    add_event(events_index, 1, days_from_now=10)
    add_event(events_index, 2, days_from_now=2)
    add_event(events_index, 3, days_from_now=-5)
    upcoming = client.get("/events/").context["events_page"]
    past = client.get("/events/", {"past": "1"}).context["events_page"]
    assert [e.title for e in upcoming] == ["Мероприятие номер 2", "Мероприятие номер 1"]
    assert [e.title for e in past] == ["Мероприятие номер 3"]


def test_event_that_started_but_has_not_ended_is_still_upcoming(tree):
    _, _, events_index = tree
    event = add_event(events_index, 1, days_from_now=0)
    event.start = timezone.now() - timedelta(hours=1)
    event.save()
    assert list(EventPage.objects.upcoming()) == [event]
    assert list(EventPage.objects.past()) == []


def test_event_index_runs_a_bounded_number_of_queries(client, tree, django_assert_max_num_queries):
    _, _, events_index = tree
    for number in range(15):
        add_event(events_index, number, days_from_now=number + 1)
    with django_assert_max_num_queries(13):
        assert client.get("/events/").status_code == 200


def test_event_page_shows_place_and_registration_link(client, tree):
    _, _, events_index = tree
    add_event(events_index, 1, days_from_now=5, registration_url="https://example.org/reg")
    html = client.get("/events/event-1/").content.decode()
    assert "Администрация городского округа" in html
    assert 'href="https://example.org/reg"' in html


def test_event_needs_a_place_or_an_online_link_and_a_sane_end(tree):
    _, _, events_index = tree
    start = timezone.now()
    event = EventPage(
        title="Без места",
        slug="no-place",
        lead="Анонс",
        start=start,
        end=start - timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as error:
        events_index.add_child(instance=event)
    assert "place" in error.value.message_dict
    assert "end" in error.value.message_dict


def test_standard_pages_live_at_their_slugs_with_breadcrumbs(client, tree):
    home, _, _ = tree
    about = add_standard(home, "about", "О портале")
    add_standard(about, "team", "Команда")
    html = client.get("/about/team/").content.decode()
    assert '<li><a href="/about/">О портале</a></li><li aria-current="page">Команда</li>' in html


def test_content_editors_may_edit_and_publish_pages_and_footer_contacts(tree, editor, employee):
    home, news_index, _ = tree
    assert home.permissions_for_user(editor).can_publish()
    assert news_index.permissions_for_user(editor).can_add_subpage()
    assert editor.has_perm("pages.change_sitecontacts")
    assert not home.permissions_for_user(employee).can_edit()

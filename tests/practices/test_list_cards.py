"""The catalogue's practice cards are kept rendered (`practices.list_cards`): a filtered page
reads them in one cache round trip, prints what the cards printed before, and a change of
anything a card prints shows on the next request."""

import re

import pytest
from django.template import Context, Template

from portal.models import Sphere
from portal.municipalities.models import Municipality, Region
from practices import list_cards
from practices.models import Practice
from tests.practices.factories import PracticeFactory
from tests.shared_pages import assert_change_shows

pytestmark = pytest.mark.django_db

URL = "/practices/?sort=newest"
# The card as the catalogue printed it from the model before the cards were kept.
MODEL_CARD = Template(
    """{% load humanize %}<li class="card practice-card">
      <h3><a href="{{ practice.get_absolute_url }}">{{ practice.title }}</a></h3>
      <p class="meta">{{ practice.municipality }}, {{ practice.municipality.region }} · с {{ practice.started_year }} года{% if practice.budget %} · бюджет {{ practice.budget|intcomma }} ₽{% endif %}</p>
      <p><strong>{{ practice.key_result }}</strong></p>
      {% with spheres=practice.spheres.all %}{% if spheres %}
      <p class="tags meta">{% for sphere in spheres %}<span>{{ sphere.name }}</span>{% if not forloop.last %} · {% endif %}{% endfor %}</p>
      {% endif %}{% endwith %}
    </li>"""  # noqa: E501
)


@pytest.fixture
def practice():
    spheres = list(Sphere.objects.filter(slug__in=["zhkh-1", "roads-1"]))
    return PracticeFactory(title="Народный бюджет во дворах", spheres=spheres)


def _page(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return _flat(response.content.decode())


def _flat(html):
    return re.sub(r"\s+", " ", html)


def _card(practice):
    practice = Practice.objects.for_lists().get(pk=practice.pk)
    return _flat(MODEL_CARD.render(Context({"practice": practice})))


def test_a_card_prints_what_the_model_card_printed(client, practice):
    PracticeFactory(budget=None)
    assert _card(practice) in _page(client)
    assert _card(practice) in _page(client)  # read back from the cache


def test_a_second_visit_reads_the_cards_in_two_queries(
    client, practice, django_assert_max_num_queries
):
    for _ in range(24):
        PracticeFactory()
    first = _page(client)
    with django_assert_max_num_queries(2):  # the printed values and the spheres' names
        assert _page(client) == first


def _set(practice, **fields):
    Practice.objects.filter(pk=practice.pk).update(**fields)


CHANGES = {
    "title": lambda p: _set(p, title="Другое название практики"),
    "address": lambda p: _set(p, slug="drugoi-adres"),
    "key result": lambda p: _set(p, key_result="Жалоб стало втрое меньше"),
    "start year": lambda p: _set(p, started_year=2019),
    "budget": lambda p: _set(p, budget=2_500_000),
    "no budget": lambda p: _set(p, budget=None),
    "municipality name": lambda p: Municipality.objects.filter(pk=p.municipality_id).update(
        name="Новое имя посёлка"
    ),
    "region name": lambda p: Region.objects.filter(pk=p.municipality.region_id).update(
        name="Переименованный край"
    ),
    "sphere name": lambda p: Sphere.objects.filter(slug="roads-1").update(name="Мосты и переправы"),
    "sphere removed": lambda p: Practice.spheres.through.objects.filter(
        practice_id=p.pk, sphere__slug="roads-1"
    ).delete(),
    "sphere order": lambda p: Sphere.objects.filter(slug="zhkh-1").update(order=1000),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_change_of_anything_printed_shows_on_the_next_request(client, practice, change):
    # Each change is a write that bypasses `save()` and `updated_at`.
    assert_change_shows(
        lambda: _page(client), lambda: _card(practice), lambda: CHANGES[change](practice)
    )


def test_a_search_snippet_is_part_of_the_card(client, practice):
    first = _page(client, "/practices/?q=жители")
    assert "<mark>Жители</mark>" in first
    second = _page(client, "/practices/?q=администрация")
    assert "<mark>Администрация</mark>" in second and "<mark>Жители</mark>" not in second


def test_a_search_and_a_filter_read_one_kept_card(client, practice, monkeypatch):
    renders = []
    original = list_cards.get_template

    def counted(name):
        renders.append(name)
        return original(name)

    _page(client)
    monkeypatch.setattr(list_cards, "get_template", counted)
    searched = _page(client, "/practices/?q=жители")
    assert "<mark>Жители</mark>" in searched
    assert _card(practice) not in searched  # the snippet sits in the card
    assert renders == [list_cards.CARD_TEMPLATE]  # the key's digest of the template, no render
    assert list_cards.SLOT_MARK not in searched and list_cards.SLOT_MARK not in _page(client)


def test_the_slot_mark_typed_by_a_user_is_printed_as_typed(client, practice):
    _set(practice, title=f"Двор {list_cards.SLOT_MARK} и сквер", key_result=list_cards.SLOT)
    page = _page(client, "/practices/?q=жители")
    assert f"Двор {list_cards.SLOT_MARK} и сквер" in page
    assert "&lt;p&gt;\ue000&lt;/p&gt;" in page
    assert "<mark>Жители</mark>" in page

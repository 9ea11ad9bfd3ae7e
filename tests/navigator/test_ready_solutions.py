"""Ready solutions: the measures of each step and the links to resources."""

import json

import pytest
from django.core.exceptions import ValidationError

from navigator.models import ReadySolutionIndexPage, ReadySolutionPage
from navigator.models.solutions import ResourceLinkBlock
from portal.pages.demo import ensure_home_page
from tests.navigator.factories import SupportMeasureFactory
from tests.portal.page_helpers import publish


def solution_with_step_measures(measures):
    index = publish(ensure_home_page(), ReadySolutionIndexPage(title="Решения", slug="resheniya"))
    step = {"title": "Подать заявку", "text": "<p>…</p>", "measures": [m.pk for m in measures]}
    solution = ReadySolutionPage(
        title="Отремонтировать водопровод",
        slug="vodoprovod",
        problem="Сети изношены.",
        steps=json.dumps([{"type": "step", "value": step}]),
    )
    return publish(index, solution)


@pytest.mark.django_db
def test_each_step_lists_its_published_measures(client):
    live = SupportMeasureFactory(title="Субсидия на чистую воду")
    hidden = SupportMeasureFactory(title="Снятая с публикации мера", live=False)
    solution = solution_with_step_measures([live, hidden])
    html = client.get(solution.url).content.decode()
    steps = html.split('id="solution-steps"')[1].split("</section>")[0]
    assert "Меры поддержки на этом шаге" in steps
    assert f'<a href="{live.get_absolute_url()}">Субсидия на чистую воду</a>' in steps
    assert "Снятая с публикации мера" not in html


@pytest.mark.django_db
def test_a_step_without_published_measures_has_no_measure_list(client):
    hidden = SupportMeasureFactory(live=False)
    html = client.get(solution_with_step_measures([hidden]).url).content.decode()
    assert "Меры поддержки на этом шаге" not in html


def clean_url(url):
    block = ResourceLinkBlock()
    return block.clean(block.to_python({"kind": "guide", "title": "Руководство", "url": url}))


@pytest.mark.parametrize("url", ["/practices/dvory/", "https://minstroyrf.gov.ru/", "http://x.ru"])
def test_portal_paths_and_web_addresses_are_accepted(url):
    assert clean_url(url)["url"] == url


@pytest.mark.parametrize(
    "url", ["//evil.example/", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)"]
)
def test_protocol_relative_and_other_addresses_are_refused(url):
    with pytest.raises(ValidationError):
        clean_url(url)

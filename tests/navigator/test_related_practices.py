"""Practices on the navigator's pages: the measure page and the ready solutions."""

import json

import pytest
from django.urls import reverse

from navigator.models import ReadySolutionIndexPage, ReadySolutionPage
from portal.pages.demo import ensure_home_page
from practices.related import for_solution
from tests.navigator.factories import SphereFactory, SupportMeasureFactory
from tests.portal.page_helpers import publish
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def measure_page(client, measure):
    return client.get(reverse("navigator:measure", args=[measure.slug])).content.decode()


def test_the_measure_page_shows_practices_carried_out_with_the_measure(client):
    measure = SupportMeasureFactory()
    PracticeFactory(title="Двор, который выбрали жители", support_measures=[measure])
    PracticeFactory(title="Черновик практики", support_measures=[measure], live=False)
    html = measure_page(client, measure)
    assert "Практики по теме" in html
    assert "Двор, который выбрали жители" in html
    assert "Черновик практики" not in html


def test_a_practice_published_after_the_page_was_cached_shows_up_at_once(client):
    sphere = SphereFactory()
    measure = SupportMeasureFactory(spheres=[sphere])
    assert "Практики по теме" not in measure_page(client, measure)
    PracticeFactory(title="Новая практика той же сферы", spheres=[sphere])
    assert "Новая практика той же сферы" in measure_page(client, measure)


def solution_page(spheres, practices=()):
    index = publish(ensure_home_page(), ReadySolutionIndexPage(title="Решения", slug="resheniya"))
    steps = [{"type": "step", "value": {"title": "Собрать жителей", "text": "<p>…</p>"}}]
    solution = ReadySolutionPage(
        title="Благоустроить дворы",
        slug="dvory",
        problem="Дворы не ремонтировались много лет.",
        steps=json.dumps(steps),
        practices=json.dumps([{"type": "practice", "value": p.pk} for p in practices]),
    )
    publish(index, solution)
    solution.spheres.set(spheres)
    solution.save()
    return solution


def test_a_ready_solution_lists_the_chosen_practices_first_then_others_of_its_spheres(client):
    sphere = SphereFactory()
    chosen = PracticeFactory(title="Выбранная редактором практика")
    same_sphere = PracticeFactory(title="Практика той же сферы", spheres=[sphere])
    PracticeFactory(title="Практика другой сферы", spheres=[SphereFactory()])
    solution = solution_page([sphere], practices=[chosen])

    assert for_solution(solution) == [chosen, same_sphere]
    html = client.get(solution.url).content.decode()
    assert "Практики муниципалитетов" in html
    assert html.index(chosen.title) < html.index(same_sphere.title)
    assert "Практика другой сферы" not in html


def test_a_withdrawn_practice_disappears_from_the_ready_solution(client):
    sphere = SphereFactory()
    chosen = PracticeFactory(title="Снятая с публикации практика", spheres=[sphere])
    solution = solution_page([sphere], practices=[chosen])
    chosen.live = False
    chosen.save()
    assert for_solution(solution) == []

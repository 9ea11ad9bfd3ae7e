import io

import pytest

from navigator import demo
from navigator.models import MeasureStatus, ReadySolutionPage, SupportMeasure

pytestmark = pytest.mark.django_db


def test_the_demo_seed_creates_hundreds_of_measures_and_a_dozen_solutions_once():
    demo.seed(io.StringIO())
    count = SupportMeasure.objects.published().count()
    assert count >= 300
    statuses = {m.status for m in SupportMeasure.objects.all()}
    assert statuses == {MeasureStatus.OPEN, MeasureStatus.UPCOMING, MeasureStatus.CLOSED}
    assert SupportMeasure.objects.closing_within(13).exists()
    assert ReadySolutionPage.objects.live().count() == 12
    demo.seed(io.StringIO())
    assert SupportMeasure.objects.count() == count
    assert ReadySolutionPage.objects.count() == 12


def test_a_demo_ready_solution_page_lists_its_measures(client):
    demo.seed(io.StringIO())
    page = ReadySolutionPage.objects.get(slug="dvory")
    html = client.get(page.url).content.decode()
    assert "Привести в порядок дворы" in html
    assert "Субсидия на благоустройство дворовых территорий" in html

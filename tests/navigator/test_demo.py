import io

import pytest

from navigator import demo
from navigator.models import MeasureStatus, ReadySolutionPage, SupportMeasure

pytestmark = pytest.mark.django_db


def test_the_demo_seed_creates_hundreds_of_measures_and_a_dozen_solutions_once(client):
    demo.seed(io.StringIO())
    count = SupportMeasure.objects.published().count()
    assert count >= 300
    statuses = {m.status for m in SupportMeasure.objects.all()}
    assert statuses == {MeasureStatus.OPEN, MeasureStatus.UPCOMING, MeasureStatus.CLOSED}
    assert SupportMeasure.objects.closing_within(13).exists()
    assert ReadySolutionPage.objects.live().count() == 12

    html = client.get(ReadySolutionPage.objects.get(slug="dvory").url).content.decode()
    assert "Субсидия на благоустройство дворовых территорий" in html

    demo.seed(io.StringIO())
    assert SupportMeasure.objects.count() == count
    assert ReadySolutionPage.objects.count() == 12


def test_the_bench_generator_writes_numbered_measures_and_resumes_without_duplicates(client):
    from navigator import bench

    bench.generate(0.003, io.StringIO())
    assert bench.bench_measures().count() == 30
    bench.generate(0.005, io.StringIO())
    assert bench.bench_measures().count() == 50
    assert client.get(bench.MEASURE_PATH).status_code == 200

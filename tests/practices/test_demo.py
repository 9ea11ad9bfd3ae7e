import io

import pytest

from portal.models import Sphere
from practices import demo
from practices.demo import generated, themes
from practices.models import Adoption, Contest, Practice

TOTAL = len(demo.ALL) + len(themes.THEMES) * generated.VARIANTS

pytestmark = pytest.mark.django_db


def test_the_demo_seed_creates_over_150_linked_practices_and_a_contest_once(client):
    from navigator.demo.measures import seed_measures

    seed_measures(io.StringIO())
    demo.seed(io.StringIO())
    published = Practice.objects.published()
    assert published.count() == TOTAL >= 150
    assert published.order_by().values("municipality__region").distinct().count() >= 20
    directions = {s.parent.slug if s.parent else s.slug for p in published for s in p.spheres.all()}
    assert directions == set(Sphere.objects.directions().values_list("slug", flat=True))
    assert published.filter(support_measures__isnull=False).distinct().count() >= 20
    assert all(demo.DEMO_NOTE in p.results or generated.NOTE in p.results for p in published)
    assert len(set(published.values_list("title", flat=True))) == TOTAL
    contest = Contest.objects.get()
    assert contest.results_published
    assert contest.nominations.count() == 5
    assert published.awarded().count() >= 10

    yards = Practice.objects.get(slug="dvory-po-golosovaniyu-zhitelej")
    html = client.get(yards.get_absolute_url()).content.decode()
    assert "Субсидия на благоустройство дворовых территорий" in html

    output = io.StringIO()
    demo.seed(output)
    assert Practice.objects.count() == TOTAL
    assert "создано 0" in output.getvalue()
    assert Contest.objects.count() == 1 and Adoption.objects.count() == 0  # no demo users here

import io

import pytest

from portal.models import Sphere
from practices import demo
from practices.models import Practice

pytestmark = pytest.mark.django_db


def test_the_demo_seed_creates_forty_odd_linked_practices_once(client):
    from navigator.demo.measures import seed_measures

    seed_measures(io.StringIO())
    demo.seed(io.StringIO())
    published = Practice.objects.published()
    assert published.count() == len(demo.ALL) >= 40
    assert published.order_by().values("municipality__region").distinct().count() >= 20
    directions = {s.parent.slug if s.parent else s.slug for p in published for s in p.spheres.all()}
    assert directions == set(Sphere.objects.directions().values_list("slug", flat=True))
    assert published.filter(support_measures__isnull=False).distinct().count() >= 20
    assert all(demo.DEMO_NOTE in p.results for p in published)

    yards = Practice.objects.get(slug="dvory-po-golosovaniyu-zhitelej")
    html = client.get(yards.get_absolute_url()).content.decode()
    assert "Субсидия на благоустройство дворовых территорий" in html

    output = io.StringIO()
    demo.seed(output)
    assert Practice.objects.count() == len(demo.ALL)
    assert "создано 0" in output.getvalue()

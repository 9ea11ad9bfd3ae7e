"""The measure page for visitors without a session: stored whole, and its cold cost bounded."""

import pytest
from django.urls import reverse

from navigator.models import SupportMeasure
from portal.registry import related_content_changed
from tests.navigator.factories import SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db


def page_url(measure):
    return reverse("navigator:measure", args=[measure.slug])


@pytest.mark.parametrize("similar", [3, 30])
def test_a_first_view_costs_the_same_queries_however_many_similar_measures(
    client, similar, django_assert_max_num_queries
):
    sphere = SphereFactory()
    measure = SupportMeasureFactory(spheres=[sphere])
    SupportMeasureFactory.create_batch(similar, spheres=[sphere])
    # Another measure's page first: it builds the snapshots every page of the process shares
    # (the practices catalogue's, which the related practices are read from).
    client.get(page_url(SupportMeasureFactory()))
    # The measure with its four prefetched relations, the ids of the spheres' measures, the
    # similar ones and the practices block (the practices naming the measure; those shown).
    with django_assert_max_num_queries(10):
        response = client.get(page_url(measure))
    assert response.status_code == 200
    assert response.content.decode().count('class="card"><h3>') == min(similar, 4)


def test_a_guest_gets_the_stored_page_without_any_query(client, django_assert_num_queries):
    measure = SupportMeasureFactory()
    first = client.get(page_url(measure))
    with django_assert_num_queries(0):
        again = client.get(page_url(measure))
    assert again.content == first.content
    assert "Cookie" in again["Vary"]


def test_a_change_announced_by_another_app_drops_the_stored_page(client):
    measure = SupportMeasureFactory(title="Мера до правки")
    client.get(page_url(measure))
    SupportMeasure.objects.filter(pk=measure.pk).update(title="Мера после правки")
    assert "Мера до правки" in client.get(page_url(measure)).content.decode()
    related_content_changed.send(sender=None)
    assert "Мера после правки" in client.get(page_url(measure)).content.decode()


def test_a_signed_in_user_is_never_served_the_stored_page(client, employee):
    measure = SupportMeasureFactory(title="Мера для гостей")
    client.get(page_url(measure))
    client.force_login(employee)
    html = client.get(page_url(measure)).content.decode()
    assert "csrfmiddlewaretoken" in html or "Выйти" in html

"""Every page's header and footer list the services from the registry, the current one marked."""

import pytest
from django.urls import reverse

from portal.registry import ordered, services

pytestmark = pytest.mark.django_db


def test_header_and_footer_list_every_service_and_mark_the_current_one(client):
    html = client.get("/practices/").content.decode()
    for service in ordered(services):
        url = reverse(service.url_name)
        # Once in the header, once in the footer.
        assert html.count(f'href="{url}"') >= 2, service.key
    assert '<a href="/practices/" aria-current="page">' in html
    assert 'href="/dialog/" aria-current' not in html

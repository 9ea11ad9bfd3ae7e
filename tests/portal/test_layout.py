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


def test_a_signed_in_header_counts_unread_and_the_footer_follows_the_contacts(client, employee):
    """Both come from the cache in one round trip; each change shows on the next page."""
    from wagtail.models import Site

    from portal.notifications.services import notify
    from portal.pages.models import SiteContacts

    client.force_login(employee)
    assert 'class="badge"' not in client.get("/cabinet/").content.decode()
    notify(employee, "account.verified", "Учётная запись подтверждена")
    notify(employee, "account.verified", "Ещё одно уведомление")
    html = client.get("/cabinet/").content.decode()
    assert 'aria-label="непрочитанных: 2">2</span>' in html
    contacts = SiteContacts.for_site(Site.objects.get(is_default_site=True))
    contacts.support_email = "pomosh@example.ru"
    contacts.save()
    html = client.get("/cabinet/").content.decode()
    assert 'href="mailto:pomosh@example.ru"' in html and "непрочитанных: 2" in html

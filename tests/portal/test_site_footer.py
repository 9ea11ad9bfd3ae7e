"""The footer is rendered once per contacts, services and year (`portal.templatetags.layout`)
and prints what the footer template printed on every page before."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.template.loader import render_to_string

from portal.pages.cache import CONTACTS_KEY
from portal.pages.models import SiteContacts
from portal.templatetags import layout

pytestmark = pytest.mark.django_db


def _flat(html):
    return re.sub(r"\s+", " ", html)


def test_the_footer_on_a_page_is_the_footer_template(client, rf):
    from django.contrib.auth.models import AnonymousUser

    from portal.context_processors import layout as layout_context

    page = _flat(client.get("/practices/").content.decode())
    request = rf.get("/practices/")
    request.user = AnonymousUser()
    context = {**layout_context(request), "year": layout.timezone.localdate().year}
    assert _flat(render_to_string("includes/footer.html", context)) in page


def test_changed_contacts_show_on_the_next_request(client):
    from wagtail.models import Site

    page = "/accounts/login/"  # a page not stored whole for guests
    assert "help@example.org" not in client.get(page).content.decode()
    SiteContacts.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"support_email": "help@example.org"}
    )
    cache.delete(CONTACTS_KEY)
    assert "mailto:help@example.org" in client.get(page).content.decode()


def test_contacts_are_escaped(client):
    from portal.pages.contacts import Contacts

    html = Template("{% load layout %}{% site_footer %}").render(
        Context({"site_contacts": Contacts(address="<script>alert(1)</script>")})
    )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_page_without_the_layout_context_gets_the_default_footer():
    html = Template("{% load layout %}{% site_footer %}").render(Context({}))
    assert SiteContacts.DEFAULT_EMAIL in html

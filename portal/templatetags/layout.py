"""The site footer: {% load layout %}{% site_footer %}.

Every page prints the same footer for the same contacts, services and year, so each process
renders it once per such combination. The contacts are still read per request (from the shared
cache, `portal.context_processors.layout`): a change in the admin is a new combination, shown
on the next request.
"""

import functools
from dataclasses import fields

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal.pages.contacts import Contacts

register = template.Library()
CONTACT_FIELDS = tuple(field.name for field in fields(Contacts))


@register.simple_tag(takes_context=True)
def site_footer(context):
    # A page rendered without the layout's context processor (an error page) gets the defaults.
    services = context.get("portal_services", ())
    services = tuple((service["title"], service["url"]) for service in services)
    contacts = context.get("site_contacts") or Contacts()
    contacts = tuple(getattr(contacts, name) for name in CONTACT_FIELDS)
    return _footer(services, contacts, timezone.localdate().year)


@functools.lru_cache(maxsize=16)
def _footer(services: tuple, contacts: tuple, year: int) -> str:
    html = render_to_string(
        "includes/footer.html",
        {
            "portal_services": [{"title": title, "url": url} for title, url in services],
            "site_contacts": Contacts(*contacts),
            "year": year,
        },
    )
    return mark_safe(html)  # the template escaped every value

"""Footer contacts, read once and kept in the cache so that no page pays a query for them."""

from dataclasses import dataclass

from django.core.cache import cache

from portal.pages.cache import CONTACTS_KEY
from portal.pages.models import SiteContacts


@dataclass(frozen=True)
class Contacts:
    support_email: str = SiteContacts.DEFAULT_EMAIL
    phone: str = SiteContacts.DEFAULT_PHONE
    phone_note: str = SiteContacts.DEFAULT_PHONE_NOTE
    working_hours: str = ""
    address: str = ""


def site_contacts() -> Contacts:
    """Contacts of the default site (the portal runs as one Wagtail site), or the defaults."""
    contacts = cache.get(CONTACTS_KEY)
    if contacts is None:
        stored = SiteContacts.objects.filter(site__is_default_site=True).first()
        contacts = (
            Contacts(**{name: getattr(stored, name) for name in Contacts.__dataclass_fields__})
            if stored
            else Contacts()
        )
        cache.set(CONTACTS_KEY, contacts, None)
    return contacts

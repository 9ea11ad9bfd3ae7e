"""The Site row that allauth's e-mails greet with («Вас приветствует Муниципалитеты.рф!»)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site

SITE_NAME = "Муниципалитеты.рф"


def sync_site():
    """Give the Site row the portal's name and the domain of SITE_URL; returns the row."""
    domain = urlsplit(settings.SITE_URL).netloc
    site, _ = Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": SITE_NAME}
    )
    Site.objects.clear_cache()
    return site

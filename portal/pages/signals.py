"""Keep the cached home page and footer in step with what editors publish."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.pages.cache import bump_home_cache, forget_site_contacts
from portal.pages.models import SiteContacts


def _bump(**kwargs):
    bump_home_cache()


def _contacts_changed(**kwargs):
    forget_site_contacts()


def connect():
    page_published.connect(_bump, dispatch_uid="pages-home-published")
    page_unpublished.connect(_bump, dispatch_uid="pages-home-unpublished")
    post_page_move.connect(_bump, dispatch_uid="pages-home-moved")
    post_delete.connect(_bump, sender=Page, dispatch_uid="pages-home-deleted")
    post_save.connect(_contacts_changed, sender=SiteContacts, dispatch_uid="pages-contacts")
    post_delete.connect(_contacts_changed, sender=SiteContacts, dispatch_uid="pages-contacts-del")

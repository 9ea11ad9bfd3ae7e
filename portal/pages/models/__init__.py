"""Wagtail pages of the portal: home, news, events, standard pages, and the footer contacts."""

from portal.pages.models.contacts import SiteContacts
from portal.pages.models.events import EventIndexPage, EventPage
from portal.pages.models.home import HomePage
from portal.pages.models.news import NewsIndexPage, NewsPage, NewsPageTag
from portal.pages.models.standard import StandardPage

__all__ = [
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "SiteContacts",
    "StandardPage",
]

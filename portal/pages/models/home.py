import logging

from django.db import models
from django.template.loader import render_to_string
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal import registry
from portal.pages import cache as home_cache
from portal.pages.blocks import ServiceTileBlock, default_tiles, tiles_from_stream
from portal.pages.models.events import EventIndexPage, EventPage
from portal.pages.models.news import NewsIndexPage, NewsPage

logger = logging.getLogger(__name__)

LATEST_NEWS = 3
UPCOMING_EVENTS = 3

# Page types editors may add directly under the home page. A service with its own Wagtail
# section calls `allow_under_home("app.IndexPage")` in its AppConfig.ready().
HOME_SUBPAGE_TYPES = ["pages.NewsIndexPage", "pages.EventIndexPage", "pages.StandardPage"]


def allow_under_home(page_type: str) -> None:
    if page_type not in HOME_SUBPAGE_TYPES:
        HOME_SUBPAGE_TYPES.append(page_type)


class HomePage(Page):
    """The portal's front page: hero with search, service tiles, app blocks, news and events."""

    hero_title = models.CharField(
        "заголовок", max_length=120, default="Рабочий портал муниципальных служащих"
    )
    hero_lead = models.TextField(
        "подзаголовок",
        blank=True,
        default="Законы и ответы юристов, меры поддержки, практики коллег, обучение и диалог "
        "с федеральным уровнем — в одном месте.",
    )
    tiles = StreamField(
        [("service", ServiceTileBlock())],
        verbose_name="плитки сервисов",
        blank=True,
        help_text="Пусто — показываются пять сервисов портала с описаниями по умолчанию.",
    )

    content_panels = [*Page.content_panels, "hero_title", "hero_lead", FieldPanel("tiles")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = HOME_SUBPAGE_TYPES
    max_count = 1

    class Meta:
        verbose_name = "главная страница"
        verbose_name_plural = "главные страницы"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_tiles"] = tiles_from_stream(self.tiles) if self.tiles else default_tiles()
        context["latest_news"] = (
            NewsPage.objects.descendant_of(self).published().newest_first()[:LATEST_NEWS]
        )
        context["upcoming_events"] = (
            EventPage.objects.descendant_of(self).published().upcoming()[:UPCOMING_EVENTS]
        )
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().first()
        context["events_index"] = EventIndexPage.objects.child_of(self).live().first()
        context["home_blocks"] = render_home_blocks(request)
        return context

    def serve(self, request, *args, **kwargs):
        if not home_cache.is_cacheable(request):
            return super().serve(request, *args, **kwargs)
        return home_cache.cached_response(
            request, lambda: super(HomePage, self).serve(request, *args, **kwargs)
        )


def render_home_blocks(request):
    """Render every block the services registered; a failing block is logged and left out."""
    rendered = []
    for block in registry.ordered(registry.home_blocks):
        try:
            extra = block.get_context(request) if block.personal else block.get_context()
            context = {"block": block, **extra}
            html = render_to_string(block.template, context, request=request)
        except Exception:
            # One broken service must not take the front page down with it.
            logger.exception("Home block %s failed to render", block.key)
            continue
        rendered.append({"block": block, "html": html})
    return rendered

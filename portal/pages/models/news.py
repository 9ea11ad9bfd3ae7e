from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.http import urlencode
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from portal.pages.pagination import paginate

THUMBNAIL = "fill-480x270"


class NewsPageQuerySet(PageQuerySet):
    def published(self):
        return self.live().public()

    def newest_first(self):
        return self.order_by("-date", "-pk")

    def for_listing(self):
        """Everything a list of news renders, fetched up front: images, thumbnails, tags."""
        images = get_image_model().objects.prefetch_renditions(THUMBNAIL)
        return self.prefetch_related(
            Prefetch("image", queryset=images), "tagged_items__tag"
        ).newest_first()


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(Page):
    """The list of news, newest first, ten per page, optionally filtered by a tag."""

    intro = models.TextField("вводный абзац", blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "лента новостей"
        verbose_name_plural = "ленты новостей"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).published().for_listing()
        tag = request.GET.get("tag", "").strip()[:100]
        if tag:
            news = news.filter(tags__name=tag)
        context["tag"] = tag
        context["extra_query"] = urlencode({"tag": tag}) if tag else ""
        context["news_page"] = paginate(request, news)
        return context


class NewsPage(Page):
    date = models.DateField("дата публикации", default=timezone.localdate, db_index=True)
    lead = models.TextField("анонс", max_length=400)
    body = RichTextField("текст")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="иллюстрация",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager("теги", through=NewsPageTag, blank=True)

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = [*Page.content_panels, "date", "lead", FieldPanel("body"), "image", "tags"]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "новость"
        verbose_name_plural = "новости"

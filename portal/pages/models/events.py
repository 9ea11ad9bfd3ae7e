from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from portal.pages.pagination import paginate


class EventPageQuerySet(PageQuerySet):
    def published(self):
        return self.live().public()

    def upcoming(self, now=None):
        """Events that have not finished yet (an event without an end lasts until its start)."""
        now = now or timezone.now()
        return self.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now)).order_by(
            "start", "pk"
        )

    def past(self, now=None):
        now = now or timezone.now()
        return (
            self.annotate(finished=Coalesce("end", "start"))
            .filter(finished__lt=now)
            .order_by("-start", "-pk")
        )


class EventIndexPage(Page):
    """Upcoming events by default; `?past=1` lists the finished ones, newest first."""

    intro = models.TextField("вводный абзац", blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "афиша мероприятий"
        verbose_name_plural = "афиши мероприятий"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        show_past = request.GET.get("past") == "1"
        events = EventPage.objects.child_of(self).published()
        events = events.past() if show_past else events.upcoming()
        context["show_past"] = show_past
        context["extra_query"] = "past=1" if show_past else ""
        context["events_page"] = paginate(request, events)
        return context


class EventPage(Page):
    start = models.DateTimeField("начало", db_index=True)
    end = models.DateTimeField("окончание", null=True, blank=True, db_index=True)
    place = models.CharField("место проведения", max_length=255, blank=True)
    online_url = models.URLField("ссылка на трансляцию", blank=True)
    registration_url = models.URLField("ссылка на регистрацию", blank=True)
    lead = models.TextField("анонс", max_length=400)
    body = RichTextField("описание", blank=True)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(["start", "end"]),
                "place",
                "online_url",
                "registration_url",
            ],
            heading="Когда и где",
        ),
        "lead",
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("place"),
    ]
    parent_page_types = ["pages.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"

    def clean(self):
        super().clean()
        errors = {}
        if self.end and self.start and self.end < self.start:
            errors["end"] = "Окончание не может быть раньше начала."
        if not self.place and not self.online_url:
            errors["place"] = "Укажите место проведения или ссылку на онлайн-трансляцию."
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self):
        return (self.end or self.start) < timezone.now()

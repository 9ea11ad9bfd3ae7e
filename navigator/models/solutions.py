"""«Готовые решения»: a typical municipal problem, a step-by-step plan and what serves it."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from navigator.models.measures import SupportMeasure
from portal.registry import render_related


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Шаг", max_length=200)
    text = blocks.RichTextBlock(
        label="Что сделать", features=["bold", "italic", "link", "ol", "ul"]
    )
    measures = blocks.ListBlock(
        SnippetChooserBlock("navigator.SupportMeasure"),
        label="Меры поддержки на этом шаге",
        required=False,
        default=[],
    )

    class Meta:
        icon = "list-ol"
        label = "Шаг"
        template = "navigator/blocks/step.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # A deleted, draft or unpublished measure has no page to open.
        context["step_measures"] = [
            measure for measure in value["measures"] if measure is not None and measure.live
        ]
        return context


def _local_or_web_url(value):
    # «//host» and «/\host» look like paths but browsers open them on another site; browsers
    # also drop tabs and line breaks, so «/<tab>/host» is the same trick.
    value = value.translate({ord(char): None for char in "\t\r\n"})
    is_path = value.startswith("/") and not value.startswith(("//", "/\\"))
    if not (is_path or value.startswith(("https://", "http://"))):
        raise ValidationError("Укажите адрес на портале (начинается с «/») или в интернете.")


class ResourceLinkBlock(blocks.StructBlock):
    """A practice, a legal act or a guide: on this portal (a path) or elsewhere (a URL)."""

    kind = blocks.ChoiceBlock(
        label="Что это",
        choices=[("document", "правовой акт"), ("practice", "практика"), ("guide", "руководство")],
    )
    title = blocks.CharBlock(label="Название", max_length=300)
    url = blocks.CharBlock(label="Адрес", max_length=1000, validators=[_local_or_web_url])

    class Meta:
        icon = "link"
        label = "Ссылка"


class ReadySolutionIndexPage(Page):
    intro = RichTextField("вступление", blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["navigator.ReadySolutionPage"]
    max_count = 1

    class Meta:
        verbose_name = "каталог готовых решений"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["solutions"] = (
            ReadySolutionPage.objects.child_of(self).live().specific().order_by("title")
        )
        return context


class ReadySolutionPage(Page):
    problem = models.TextField("проблема", max_length=1000)
    result = models.TextField("что получится", blank=True, max_length=1000)
    spheres = ParentalManyToManyField("portal.Sphere", verbose_name="сферы", blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name="план по шагам")
    measures = StreamField(
        [("measure", SnippetChooserBlock("navigator.SupportMeasure", label="Мера поддержки"))],
        verbose_name="меры поддержки",
        blank=True,
    )
    practices = StreamField(
        [("practice", SnippetChooserBlock("practices.Practice", label="Практика"))],
        verbose_name="практики",
        blank=True,
        help_text="Если выбрано меньше четырёх, страница добавит новые практики тех же сфер.",
    )
    resources = StreamField(
        [("link", ResourceLinkBlock())], verbose_name="практики и документы", blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("problem"),
        FieldPanel("result"),
        FieldPanel("spheres"),
        FieldPanel("steps"),
        FieldPanel("measures"),
        FieldPanel("practices"),
        FieldPanel("resources"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("problem")]
    parent_page_types = ["navigator.ReadySolutionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "готовое решение"
        verbose_name_plural = "готовые решения"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["measures"] = list(self.live_measures())
        # Blocks of higher apps: practices fills one from the solution's chosen practices.
        context["related_content"] = render_related(self)
        return context

    def live_measures(self):
        """Published measures the plan mentions, in one query."""
        # Raw stream data holds the ids: no query per chosen snippet.
        ids = [block["value"] for block in self.measures.raw_data]
        for step in self.steps.raw_data:
            for item in step["value"].get("measures") or []:
                ids.append(item["value"] if isinstance(item, dict) else item)
        measures = SupportMeasure.objects.published().filter(pk__in=ids)
        return measures.select_related("organiser").order_by("closes_on", "pk")

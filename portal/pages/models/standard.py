from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class StandardPage(Page):
    """A text page: about the portal, help, privacy policy, terms of use."""

    intro = models.TextField("вводный абзац", blank=True)
    body = RichTextField("текст", blank=True)
    document_version = models.CharField(
        "редакция документа",
        max_length=20,
        blank=True,
        help_text="Для юридических документов, например «2026-11». Показывается под заголовком.",
    )

    content_panels = [*Page.content_panels, "intro", FieldPanel("body"), "document_version"]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "текстовая страница"
        verbose_name_plural = "текстовые страницы"

"""Who runs support measures: organisers and operators, national projects and state programmes."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from wagtail.search import index

from navigator.models.choices import ProgrammeKind
from portal.editorial import Editorial, EditorialQuerySet


class ProgrammeQuerySet(EditorialQuerySet):
    def within(self, programmes):
        """`programmes` with the projects inside them, down to the regional projects of a
        national project's federal projects (three levels is as deep as they nest)."""
        ids = [programme.pk for programme in programmes]
        return self.filter(Q(pk__in=ids) | Q(parent_id__in=ids) | Q(parent__parent_id__in=ids))


class Organisation(Editorial, index.Indexed):
    """A ministry, regional body or fund that organises or operates measures."""

    name = models.CharField("название", max_length=300, unique=True)
    short_name = models.CharField("краткое название", max_length=120, blank=True)
    slug = models.SlugField("адрес", max_length=100, unique=True, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="логотип",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "municipalities.Region",
        verbose_name="субъект РФ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_organisations",
        help_text="Для региональных органов власти и фондов.",
    )
    website = models.URLField("сайт", blank=True)

    objects = EditorialQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "организация"
        verbose_name_plural = "организации"

    def __str__(self):
        return self.short_name or self.name

    def get_preview_template(self, request, mode_name):
        return "navigator/preview/organisation.html"

    def get_list_url(self):
        """The catalogue filtered to this organiser's measures."""
        return f"{reverse('navigator:index')}?organiser={self.slug}"


class Programme(Editorial, index.Indexed):
    """A national project or a state programme that finances measures."""

    kind = models.CharField("вид", max_length=32, choices=ProgrammeKind.choices)
    name = models.CharField("название", max_length=300, unique=True)
    slug = models.SlugField("адрес", max_length=100, unique=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="входит в",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="Например, федеральный проект в составе национального проекта.",
    )
    description = models.TextField("описание", blank=True)
    website = models.URLField("сайт", blank=True)

    objects = ProgrammeQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "нацпроект или госпрограмма"
        verbose_name_plural = "нацпроекты и госпрограммы"

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "navigator/preview/programme.html"

    def get_list_url(self):
        """The catalogue filtered to the measures of this programme."""
        return f"{reverse('navigator:index')}?programme={self.slug}"

from django.db import models


class SphereQuerySet(models.QuerySet):
    def directions(self):
        """The 14 top-level directions of «Муниципальный диалог»."""
        return self.filter(parent__isnull=True)


class Sphere(models.Model):
    """A sphere of municipal activity: 14 directions, each with sub-spheres.

    The same spheres classify support measures, practices, dialog problems and legal topics.
    """

    name = models.CharField("название", max_length=200)
    slug = models.SlugField("код", max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="направление",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)

    objects = SphereQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "сфера"
        verbose_name_plural = "сферы"

    def __str__(self):
        return self.name


class SearchSynonym(models.Model):
    """A term and what it also means in queries: abbreviations, law numbers, colloquial names."""

    term = models.CharField("термин", max_length=200, unique=True)
    expansions = models.TextField(
        "синонимы",
        help_text="Каждый синоним с новой строки, например «органы местного самоуправления».",
    )
    is_active = models.BooleanField("действует", default=True)

    class Meta:
        ordering = ["term"]
        verbose_name = "синоним для поиска"
        verbose_name_plural = "синонимы для поиска"

    def __str__(self):
        return self.term

    def expansion_list(self):
        return [line.strip() for line in self.expansions.splitlines() if line.strip()]

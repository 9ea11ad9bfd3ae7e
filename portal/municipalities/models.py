from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Lower


class Region(models.Model):
    """A subject of the Russian Federation (89 of them), identified by its two-digit code."""

    code = models.CharField("код", max_length=2, unique=True)
    name = models.CharField("название", max_length=120, unique=True)
    okato_prefix = models.CharField("префикс ОКТМО", max_length=2, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "субъект РФ"
        verbose_name_plural = "субъекты РФ"

    def __str__(self):
        return self.name


class MunicipalityType(models.TextChoices):
    URBAN_OKRUG = "urban_okrug", "городской округ"
    URBAN_OKRUG_DIVIDED = "urban_okrug_divided", "городской округ с внутригородским делением"
    MUNICIPAL_OKRUG = "municipal_okrug", "муниципальный округ"
    MUNICIPAL_DISTRICT = "municipal_district", "муниципальный район"
    URBAN_SETTLEMENT = "urban_settlement", "городское поселение"
    RURAL_SETTLEMENT = "rural_settlement", "сельское поселение"
    INTRACITY_DISTRICT = "intracity_district", "внутригородской район"
    INTRACITY_TERRITORY = (
        "intracity_territory",
        ("внутригородская территория города федерального значения"),
    )


class MunicipalityQuerySet(models.QuerySet):
    def within(self, municipality):
        """The municipality and everything below it (a district's settlements)."""
        return self.filter(lineage__contains=[municipality.pk])

    def search(self, text):
        """Names similar to `text`, best first; tolerant to typos through trigrams."""
        from django.contrib.postgres.search import TrigramWordSimilarity

        text = (text or "").strip()
        if not text:
            return self.none()
        return (
            self.annotate(similarity=TrigramWordSimilarity(text, "name"))
            .filter(models.Q(name__icontains=text) | models.Q(similarity__gte=0.3))
            .order_by("-similarity", "-population", "name")
        )


class Municipality(models.Model):
    name = models.CharField("название", max_length=200)
    kind = models.CharField("тип", max_length=32, choices=MunicipalityType.choices)
    region = models.ForeignKey(
        Region, verbose_name="субъект РФ", on_delete=models.PROTECT, related_name="municipalities"
    )
    oktmo = models.CharField("код ОКТМО", max_length=11, unique=True)
    population = models.PositiveIntegerField("население", default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name="входит в",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Ids from the top municipality down to this one: territory filters become one GIN lookup.
    lineage = ArrayField(models.BigIntegerField(), default=list, editable=False)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "муниципальное образование"
        verbose_name_plural = "муниципальные образования"
        indexes = [
            GinIndex(fields=["lineage"], name="municipality_lineage_gin"),
            GinIndex(fields=["name"], name="municipality_name_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(Lower("name"), name="municipality_name_lower"),
            models.Index(fields=["region", "kind"], name="municipality_region_kind"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        lineage = [*self.parent.lineage, self.pk] if self.parent_id else [self.pk]
        if lineage != self.lineage:
            self.lineage = lineage
            Municipality.objects.filter(pk=self.pk).update(lineage=lineage)

    @property
    def full_name(self):
        if self.parent_id:
            return f"{self.name} ({self.parent.name}, {self.region.name})"
        return f"{self.name} ({self.region.name})"

    def ancestor_ids(self):
        """Ids of this municipality and the ones it belongs to, nearest last."""
        return list(self.lineage) or [self.pk]

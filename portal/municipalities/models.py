from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import TrigramWordDistance
from django.db import models
from django.db.models.functions import Upper

from portal.municipalities.territory import Territory

# Shorter queries match too much to be useful and cannot use the trigram index well.
MIN_SEARCH_LENGTH = 2
AMBIGUOUS_LIMIT = 8


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

    def ancestors_of(self, municipality):
        """The municipality and the ones it belongs to (its district), top first."""
        return self.filter(pk__in=municipality.ancestor_ids()).order_by("lineage")

    def in_region(self, region):
        return self.filter(region=region)

    def search(self, text):
        """Names containing a word similar to `text`, closest first; tolerant to typos.

        The filter (`%>`) uses the GiST trigram index, which can also return rows nearest
        first (`<->>`), so the full ОКТМО list is never scanned row by row.
        """
        text = " ".join((text or "").split())
        if len(text) < MIN_SEARCH_LENGTH:
            return self.none()
        return (
            self.filter(name__trigram_word_similar=text)
            .annotate(distance=TrigramWordDistance(text, "name"))
            .order_by("distance", "-population", "name")
        )

    def resolve(self, text, chosen_id=None):
        """The municipality a person meant by `text`, and the candidates when it is ambiguous.

        Accepts an ОКТМО code, an exact name, or the `full_name` the autocomplete shows.
        `chosen_id` (set by the script, a radio button or the chooser page) wins when it fits
        the text. Returns `(municipality or None, candidates)`.
        """
        text = " ".join((text or "").split())
        if not text:
            return None, []
        related = self.select_related("region", "parent")
        match, candidates = related._match_text(text)
        chosen = related.filter(pk=chosen_id).first() if str(chosen_id or "").isdigit() else None
        if chosen and (chosen == match or chosen in candidates or _names_match(chosen, text)):
            return chosen, []
        return match, candidates

    def _match_text(self, text):
        if text.isdigit():
            return self.filter(oktmo=text).first(), []
        same_name = list(self.filter(name__iexact=text.split(" (", 1)[0])[:AMBIGUOUS_LIMIT])
        exact = [m for m in same_name if m.full_name.lower() == text.lower()]
        if len(exact) == 1 or len(same_name) == 1:
            return (exact or same_name)[0], []
        return None, same_name or list(self.search(text)[:AMBIGUOUS_LIMIT])


def _names_match(municipality, text):
    return text.lower() in (municipality.name.lower(), municipality.full_name.lower())


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
            # GiST, not GIN: it serves the autocomplete's nearest-first ordering (`<->>`) directly.
            GistIndex(fields=["name"], name="municipality_name_gist", opclasses=["gist_trgm_ops"]),
            # Django's icontains/istartswith/iexact compare UPPER(name): index that expression.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="municipality_uname_trgm"),
            models.Index(Upper("name"), name="municipality_name_upper"),
            models.Index(fields=["region", "kind"], name="municipality_region_kind"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        lineage = [*self.parent.lineage, self.pk] if self.parent_id else [self.pk]
        if lineage != self.lineage:
            previous, self.lineage = list(self.lineage), lineage
            Municipality.objects.filter(pk=self.pk).update(lineage=lineage)
            if previous:
                self._move_descendants(previous)

    def _move_descendants(self, previous):
        """Re-root the lineage of everything below after this municipality changed its parent."""
        descendants = list(Municipality.objects.within(self).exclude(pk=self.pk))
        for descendant in descendants:
            descendant.lineage = [*self.lineage, *descendant.lineage[len(previous) :]]
        Municipality.objects.bulk_update(descendants, ["lineage"])

    @property
    def full_name(self):
        if self.parent_id:
            return f"{self.name} ({self.parent.name}, {self.region.name})"
        return f"{self.name} ({self.region.name})"

    def ancestor_ids(self):
        """Ids of this municipality and the ones it belongs to, nearest last."""
        return list(self.lineage) or [self.pk]

    def territory(self):
        """This municipality, its district (if any) and its region, for «what applies here»."""
        return Territory(region_id=self.region_id, municipality_ids=tuple(self.ancestor_ids()))

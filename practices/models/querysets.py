"""How the catalogue asks for practices: published, by sphere, region, budget, text, relation."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from portal.accounts.models import Interest
from portal.community.models import Reaction
from portal.models import Sphere
from portal.municipalities.bands import population_in_bands
from portal.municipalities.models import Region
from practices.models.adoptions import Adoption
from practices.models.choices import PracticeStatus
from practices.models.contest import Entry
from practices.models.results import Indicator

# How many related practices a measure or a legal act shows.
RELATED_LIMIT = 4
# Columns lists never show; the search vector alone is bigger than the rest of the row.
LONG_TEXT_FIELDS = [
    "search_vector",
    "problem",
    "solution",
    "results",
    "funding_sources",
    "steps",
    "lessons",
    "contact_name",
    "contact_position",
    "contact_email",
    "contact_phone",
]


def _pk(value):
    return getattr(value, "pk", value)


def _adoption_count():
    """How many municipalities adopted the outer practice (a subquery, NULL for none)."""
    return Subquery(
        Adoption.objects.filter(practice_id=OuterRef("pk"))
        .order_by()
        .values("practice_id")
        .annotate(total=models.Count("pk"))
        .values("total")
    )


def usefulness(model):
    """How many readers marked the outer practice (of `model`) «полезно» (0 for none)."""
    reactions = (
        Reaction.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
        )
        .order_by()
        .values("object_id")
        .annotate(total=models.Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(reactions), 0)


def adoption_count():
    """How many municipalities adopted the outer practice (0 for none)."""
    return Coalesce(_adoption_count(), 0)


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PracticeStatus.PUBLISHED, is_hidden=False)

    def for_lists(self):
        """What a card shows: no long texts, the municipality and its region joined."""
        return self.defer(*LONG_TEXT_FIELDS).select_related("municipality__region")

    def newest(self):
        return self.order_by(F("first_published_at").desc(nulls_last=True), "-pk")

    def in_sphere(self, spheres):
        """Practices in any of `spheres`; a direction includes its sub-spheres."""
        ids = [_pk(sphere) for sphere in spheres]
        if not ids:
            return self
        selected = Sphere.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids)).values("pk")
        through = self.model.spheres.through
        return self.filter(
            Exists(through.objects.filter(practice_id=OuterRef("pk"), sphere_id__in=selected))
        )

    def for_region(self, region):
        """Practices of municipalities in `region` (the region comes from the municipality)."""
        return self.filter(municipality__region_id=_pk(region))

    def in_regions(self, regions):
        """Practices of municipalities in any of `regions`."""
        return self.filter(municipality__region_id__in=[_pk(region) for region in regions])

    def of_municipality_kinds(self, kinds):
        return self.filter(municipality__kind__in=kinds)

    def in_population_bands(self, slugs):
        """Practices of municipalities whose population lies in any of the bands
        (`portal.municipalities.bands`)."""
        return self.filter(population_in_bands(slugs, "municipality__population"))

    def started_in_years(self, years):
        return self.filter(started_year__in=years)

    def measured(self):
        """Practices with measurable results: at least one indicator."""
        return self.filter(Exists(Indicator.objects.filter(practice_id=OuterRef("pk"))))

    def with_budget(self, minimum=None, maximum=None):
        """Practices whose budget lies within the bounds; no bounds, no condition."""
        queryset = self
        if minimum is not None:
            queryset = queryset.filter(budget__gte=minimum)
        if maximum is not None:
            queryset = queryset.filter(budget__lte=maximum)
        return queryset

    def started_in(self, year):
        return self.filter(started_year=year)

    def by_relevance(self):
        """Best first, by the `relevance` that `portal.search.text_filter()` adds."""
        return self.order_by(F("relevance").desc(), "-pk")

    def related_to_measure(self, measure, limit=RELATED_LIMIT):
        """Up to `limit` published practices for a support measure's page, in one query.

        First the practices carried out with this measure («реализовано при поддержке»), then
        those sharing one of its spheres, then those in the same direction; among equals a
        practice from one of the measure's regions goes first, then the newest.
        """
        measure_spheres = Sphere.objects.filter(support_measures=measure)
        directions = measure_spheres.annotate(direction=Coalesce("parent_id", "pk"))
        sphere_links = self.model.spheres.through.objects.filter(practice_id=OuterRef("pk"))
        measure_links = self.model.support_measures.through.objects.filter(
            practice_id=OuterRef("pk"), supportmeasure_id=measure.pk
        )
        same_direction = sphere_links.filter(
            Q(sphere_id__in=directions.values("direction"))
            | Q(sphere__parent_id__in=directions.values("direction"))
        )
        measure_regions = Region.objects.filter(support_measures=measure).values("pk")
        in_region = Case(
            When(municipality__region_id__in=measure_regions, then=Value(1)), default=Value(0)
        )
        return (
            self.published()
            .alias(
                names_measure=Exists(measure_links),
                same_sphere=Exists(sphere_links.filter(sphere_id__in=measure_spheres.values("pk"))),
                same_direction=Exists(same_direction),
                in_region=in_region,
            )
            .filter(Q(names_measure=True) | Q(same_direction=True))
            .for_lists()
            .order_by(
                F("names_measure").desc(),
                F("same_sphere").desc(),
                F("in_region").desc(),
                F("first_published_at").desc(nulls_last=True),
                "-pk",
            )[:limit]
        )

    def awarded(self):
        """Practices that took a place in a published contest (the «award» facet)."""
        places = Entry.objects.filter(
            practice_id=OuterRef("pk"),
            place__isnull=False,
            nomination__contest__results_published_at__isnull=False,
        )
        return self.filter(Exists(places))

    def adopted_at_least(self, times):
        if times <= 1:  # a semi-join, not a count per practice
            return self.filter(Exists(Adoption.objects.filter(practice_id=OuterRef("pk"))))
        return self.alias(adopted_times=_adoption_count()).filter(adopted_times__gte=times)

    def most_adopted(self):
        return self.alias(adopted_times=Coalesce(_adoption_count(), 0)).order_by(
            F("adopted_times").desc(), "-pk"
        )

    def most_useful(self):
        return self.alias(useful=usefulness(self.model)).order_by(F("useful").desc(), "-pk")

    def recommended_for(self, user):
        """«Рекомендуем»: published practices of municipalities of the same type and a similar
        population (a third to three times; any when the user's is unknown), in the user's
        spheres of interest (a direction includes its sub-spheres; any sphere when none are
        chosen), not from the user's own municipality and not yet adopted there; most adopted
        first. One query."""
        municipality = getattr(user, "municipality", None)
        if municipality is None:
            return self.none()
        adopted = Adoption.objects.filter(
            practice_id=OuterRef("pk"), municipality_id=municipality.pk
        )
        queryset = (
            self.published()
            .filter(municipality__kind=municipality.kind)
            .filter(self._in_interests_of(user))
            .exclude(municipality_id=municipality.pk)
            .exclude(Exists(adopted))
        )
        if municipality.population:
            queryset = queryset.filter(
                municipality__population__gte=municipality.population // 3,
                municipality__population__lte=municipality.population * 3,
            )
        return (
            queryset.for_lists()
            .annotate(adopted_times=models.Count("adoptions"))
            .order_by("-adopted_times", F("first_published_at").desc(nulls_last=True), "-pk")
        )

    def _in_interests_of(self, user):
        """A condition: the practice lies in one of the user's spheres of interest, or the user
        chose none (`portal.accounts.Interest`)."""
        interests = Interest.objects.filter(user_id=user.pk).values("sphere_id")
        spheres = Sphere.objects.filter(Q(pk__in=interests) | Q(parent_id__in=interests))
        links = self.model.spheres.through.objects.filter(
            practice_id=OuterRef("pk"), sphere_id__in=spheres.values("pk")
        )
        return Q(Exists(links)) | ~Q(Exists(Interest.objects.filter(user_id=user.pk)))

    def related_to_document(self, document, limit=RELATED_LIMIT):
        """Up to `limit` published practices that rely on a legal act, newest first."""
        links = self.model.legal_documents.through.objects.filter(
            practice_id=OuterRef("pk"), document_id=_pk(document)
        )
        return self.published().filter(Exists(links)).for_lists().newest()[:limit]

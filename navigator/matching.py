"""«Подобрано для вас»: which measures fit a municipality, and why.

The score is computed in SQL (`navigator.models.scoring`, through
`SupportMeasure.objects.matching(profile)`); `explain_match` turns the same facts into
sentences. Hard conditions (region, municipality type, population) filter measures out before
scoring; the score ranks what is left by how specifically it targets the municipality.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q

from navigator import listcache
from navigator.models import SupportMeasure
from navigator.models.scoring import (
    HIGH,
    LOW,
    annotate_match,
    cofinancing_demand,
)
from portal import caching
from portal.accounts.models import Interest
from portal.models import Sphere

# Ranked ids are cached until any measure changes (the list cache's version) or the day ends.
RANKING_CACHE_SECONDS = 10 * 60
CONDITION_PREVIEW_LENGTH = 120


@dataclass(frozen=True)
class MatchProfile:
    """Whom measures are matched to: a municipality and the spheres someone works in."""

    municipality: object
    sphere_ids: frozenset = field(default_factory=frozenset)

    @classmethod
    def for_user(cls, user, municipality=None):
        followed = Interest.objects.filter(user=user).values_list("sphere_id", flat=True)
        return cls(municipality or user.municipality, frozenset(followed))

    @property
    def cache_key(self):
        spheres = ",".join(str(pk) for pk in sorted(self.sphere_ids))
        return f"{self.municipality.pk}:{spheres}"

    def related_sphere_ids(self):
        """Followed spheres with their sub-spheres and their directions: a measure in the
        direction «ЖКХ» fits someone who follows «Водоснабжение», and the other way round."""
        if not self.sphere_ids:
            return set()
        rows = Sphere.objects.filter(Q(pk__in=self.sphere_ids) | Q(parent_id__in=self.sphere_ids))
        related = set()
        for pk, parent_id in rows.values_list("pk", "parent_id"):
            related.add(pk)
            if parent_id and pk in self.sphere_ids:
                related.add(parent_id)
        return related


def ranked_ids(profile):
    """Ids of published measures still worth applying for that fit `profile`, best first.

    Scoring every measure is the expensive part of «Подобрано для вас»; the ranking is shared
    by every visitor with the same municipality and spheres.
    """
    key = caching.versioned_key(listcache.VERSION, "ranking", profile.cache_key, daily=True)
    ids = cache.get(key)
    if ids is None:
        ranked = SupportMeasure.objects.published().not_closed().matching(profile)
        ids = list(ranked.values_list("pk", flat=True))
        cache.set(key, ids, RANKING_CACHE_SECONDS)
    return ids


def scored_measures(ids, profile):
    """The measures of `ids` in that order, each with its score and explanation."""
    rows = SupportMeasure.objects.filter(pk__in=ids).select_related("organiser")
    by_id = {measure.pk: measure for measure in annotate_match(rows, profile)}
    measures = [by_id[pk] for pk in ids if pk in by_id]
    for measure in measures:
        measure.explanation = explain_match(measure, profile)
    return measures


@dataclass
class Explanation:
    fits: list[str]
    uncertain: list[str]


def explain_match(measure, profile):
    """Why `measure` (from `SupportMeasure.objects.matching(profile)`) fits, and what to check."""
    municipality = profile.municipality
    fits, uncertain = [], []
    if measure.match_targets_place:
        fits.append(f"мера для отдельных муниципалитетов, среди них — {municipality.name}")
    elif measure.match_targets_region:
        fits.append(f"действует в субъекте «{municipality.region.name}»")
    else:
        fits.append("действует по всей России")
    if measure.municipality_types:
        fits.append(f"тип МО подходит ({municipality.get_kind_display()})")
    fits.append(_population_phrase(measure, municipality))
    if measure.match_follows_sphere:
        fits.append("в сфере, которую вы отслеживаете")
    elif not profile.sphere_ids:
        uncertain.append("выберите свои сферы, чтобы подбор был точнее")
    fits_cofinancing, cofinancing = _cofinancing_phrase(measure)
    (fits if fits_cofinancing else uncertain).append(cofinancing)
    if measure.other_conditions.strip():
        uncertain.append(f"условие «{_preview(measure.other_conditions)}» — проверьте сами")
    return Explanation(fits=fits, uncertain=uncertain)


def _population_phrase(measure, municipality):
    if measure.population_min is None and measure.population_max is None:
        return "ограничений по численности населения нет"
    return f"население подходит ({municipality.population:,} чел.)".replace(",", "\u00a0")


def _cofinancing_phrase(measure):
    """(fits, phrase): whether the co-financing speaks for the measure, and what it is."""
    low, high = measure.cofinancing_min, measure.cofinancing_max
    if low is None and high is None:
        return False, "доля софинансирования не указана — уточните у организатора"
    if high == 0:
        return True, "софинансирование из местного бюджета не требуется"
    phrase = _cofinancing_range(low, high)
    demand = cofinancing_demand(low, high)
    if demand == LOW:
        return True, phrase
    if demand == HIGH:
        return False, f"{phrase} — предусмотрите средства местного бюджета"
    return False, f"{phrase} — точную долю уточните у организатора"


def _cofinancing_range(low, high):
    if low == high:
        return f"софинансирование {low}%"
    if low is None:
        return f"софинансирование до {high}%"
    if high is None:
        return f"софинансирование от {low}%"
    return f"софинансирование {low}–{high}%"


def _preview(text):
    text = " ".join(text.split())
    if len(text) <= CONDITION_PREVIEW_LENGTH:
        return text
    return text[:CONDITION_PREVIEW_LENGTH].rsplit(" ", 1)[0] + "…"

"""The public page of a practice author: their published practices, adoptions and badges.

Only public data: the name (never the e-mail), the municipality, published practices and
contest places after results are out. Badges come from verified contributions, not activity.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from practices.models import Adoption, Entry, Practice

SHOWN = 100


def badges(published, adopted_elsewhere, places):
    earned = []
    if published:
        earned.append(("Автор практики", f"Опубликованных практик: {published}"))
    if published >= 5:
        earned.append(("Опытный автор", "Пять и более опубликованных практик"))
    if adopted_elsewhere:
        earned.append(
            ("Практику внедрили", f"Внедрений в других муниципалитетах: {adopted_elsewhere}")
        )
    if adopted_elsewhere >= 10:
        earned.append(("Тиражируемый опыт", "Десять и более внедрений у коллег"))
    for entry in places:
        earned.append(
            (
                f"Призёр конкурса {entry.nomination.contest.year}",
                f"{entry.place}-е место, номинация «{entry.nomination.title}»",
            )
        )
    return earned


@require_GET
def author_profile(request, pk):
    """Public: an author who has at least one published practice; 404 for anyone else."""
    author = get_object_or_404(
        get_user_model().objects.select_related("municipality__region"), pk=pk, is_active=True
    )
    practices = list(
        Practice.objects.published()
        .filter(author=author)
        .for_lists()
        .annotate(
            adoptions_elsewhere=Count(
                "adoptions", filter=~Q(adoptions__municipality_id=author.municipality_id)
            )
        )
        .newest()[:SHOWN]
    )
    if not practices:
        raise Http404("Автор не найден.")
    published = Practice.objects.published().filter(author=author).count()
    adopted_elsewhere = (
        Adoption.objects.filter(practice__in=Practice.objects.published().filter(author=author))
        .exclude(municipality_id=author.municipality_id)
        .count()
    )
    places = list(
        Entry.objects.filter(
            practice__author=author,
            practice__in=Practice.objects.published(),
            place__isnull=False,
            nomination__contest__results_published_at__isnull=False,
        )
        .select_related("nomination__contest")
        .order_by("-nomination__contest__year", "place")
    )
    context = {
        "author": author,
        "name": author.get_full_name() or "Автор практик",
        "practices": practices,
        "published": published,
        "adopted_elsewhere": adopted_elsewhere,
        "badges": badges(published, adopted_elsewhere, places),
    }
    return render(request, "practices/author.html", context)

"""A demo contest «Лучшая муниципальная практика — 2025» with five nominations and awards."""

import datetime

from practices.models import Contest, Entry, Practice

YEAR = 2025
NOMINATIONS = [
    ("Городская среда и ЖКХ", ("zhkh", "urban", "roads", "ecology")),
    ("Социальная сфера", ("health", "education", "social", "culture")),
    ("Экономика и имущество", ("economy", "land")),
    ("Цифровое муниципальное управление", ("digital", "staff", "safety")),
    ("Участие жителей", ("governance",)),
]
ENTRIES_PER_NOMINATION = 5


def seed(stdout):
    contest, created = Contest.objects.get_or_create(
        year=YEAR,
        defaults={
            "entries_until": datetime.date(YEAR, 6, 30),
            "scoring_until": datetime.date(YEAR, 9, 30),
        },
    )
    if not created:
        stdout.write("  конкурс практик: уже есть")
        return
    for title, directions in NOMINATIONS:
        nomination = contest.nominations.create(title=title)
        practices = (
            Practice.objects.published()
            .filter(spheres__parent__slug__in=directions)
            .distinct()
            .order_by("pk")[:ENTRIES_PER_NOMINATION]
        )
        for number, practice in enumerate(practices, start=1):
            Entry.objects.create(
                nomination=nomination, practice=practice, place=number if number <= 3 else None
            )
    contest.results_published_at = datetime.datetime(YEAR, 10, 15, 12, tzinfo=datetime.UTC)
    contest.save(update_fields=["results_published_at"])
    stdout.write(f"  конкурс практик {YEAR}: {len(NOMINATIONS)} номинаций, итоги опубликованы")

from django.core.management.base import BaseCommand

from legal_vector.bot.meaning import store_meanings
from legal_vector.models import StructuralUnit


class Command(BaseCommand):
    help = (
        "Вычислить смысловые векторы фрагментов текущих редакций, по которым бот находит норму, "
        "сказанную другими словами (у импортированных актов они вычисляются при импорте). "
        "--all — пересчитать все, а не только недостающие."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="пересчитать и уже вычисленные")

    def handle(self, *args, all, **options):  # noqa: A002 — the option's name
        units = StructuralUnit.objects.current()
        if not all:
            units = units.filter(meaning__isnull=True)
        self.stdout.write(f"Вычислено векторов: {store_meanings(units)}")

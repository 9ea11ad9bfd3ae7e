import time

from django.core.management.base import BaseCommand

from portal.search import postings


class Command(BaseCommand):
    help = (
        "Построить списки строк поиска (portal.search.postings) тех индексов, чьи таблицы "
        "изменились с прошлой сборки; с --all — всех."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="собрать и свежие списки")

    def handle(self, *args, **options):
        started = time.monotonic()
        built = postings.build_all() if options["all"] else postings.build_stale()
        for name, terms in sorted(built.items()):
            self.stdout.write(f"{name}: терминов {terms}")
        self.stdout.write(f"Собрано индексов: {len(built)} за {time.monotonic() - started:.1f} с.")

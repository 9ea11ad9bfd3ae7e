"""`manage.py search_index --rebuild [--only NAME]`: refill the Elasticsearch indexes.

Every index an app registered (`register_document()` or `register_rebuild()` in
`portal.search.elastic`) is dropped, created with its current mapping and filled with bulk
requests. Run it after changing a mapping or the analyser, after restoring a database, or when
the search server missed changes while it was down. Without `--rebuild` it lists the indexes.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.search import elastic


class Command(BaseCommand):
    help = "Пересоздаёт индексы Elasticsearch и заполняет их заново (--rebuild)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="пересоздать и заполнить")
        parser.add_argument("--only", action="append", default=[], help="только этот индекс")

    def handle(self, *args, rebuild: bool, only: list, **options):
        if not settings.ELASTICSEARCH_URL:
            raise CommandError("Elasticsearch не настроен: задайте ELASTICSEARCH_URL.")
        indexes = elastic.rebuildable()
        unknown = sorted(set(only) - set(indexes))
        if unknown:
            raise CommandError(
                f"Нет таких индексов: {', '.join(unknown)}. Есть: {', '.join(sorted(indexes))}."
            )
        for name in sorted(only or indexes):
            if not rebuild:
                self.stdout.write(name)
                continue
            document_class, rows = indexes[name]
            count = elastic.rebuild(document_class, rows)
            self.stdout.write(f"{name}: проиндексировано документов: {count}.")
        if rebuild:
            self.stdout.write(self.style.SUCCESS("Индексы пересозданы."))

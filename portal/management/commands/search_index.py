"""`manage.py search_index`: list, rebuild or check the Elasticsearch indexes.

- without options: the registered indexes (alias and model);
- `--rebuild`: each index is rebuilt without downtime — a new `<alias>-<timestamp>` index is
  created with the current mapping and analysers, filled in bulk, the alias swapped to it in one
  request and the old index deleted (`portal.search.es_indexing.rebuild`);
- `--check`: ids compared with the database, missing rows indexed and extra documents deleted
  (what the nightly `check_indexes` task does);
- `--models app.Model` (repeatable) or `--only ALIAS` pick the indexes.

Run `--rebuild` after changing a mapping or the analyser, or after restoring a database.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.search import es_indexing


class Command(BaseCommand):
    help = "Индексы Elasticsearch: список, пересоздание без простоя (--rebuild), сверка (--check)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="пересоздать и заполнить")
        parser.add_argument("--check", action="store_true", help="сверить с базой и исправить")
        parser.add_argument(
            "--models", action="append", default=[], help="только индекс модели app.Model"
        )
        parser.add_argument("--only", action="append", default=[], help="только этот индекс")

    def handle(self, *args, rebuild: bool, check: bool, models: list, only: list, **options):
        if (rebuild or check) and not settings.ELASTICSEARCH_URL:
            raise CommandError("Elasticsearch не настроен: задайте ELASTICSEARCH_URL.")
        if rebuild and check:
            raise CommandError("Выберите одно: --rebuild или --check.")
        for entry in self._chosen(models, only):
            if rebuild:
                count = es_indexing.rebuild(entry)
                self.stdout.write(f"{entry.alias}: проиндексировано документов: {count}.")
            elif check:
                diff = es_indexing.reconcile(entry)
                self.stdout.write(
                    f"{entry.alias}: недоставало {len(diff.missing)}, лишних {len(diff.extra)}."
                )
            else:
                self.stdout.write(f"{entry.alias}\t{entry.model_label}")
        if rebuild:
            self.stdout.write(self.style.SUCCESS("Индексы пересозданы."))
        elif check:
            self.stdout.write(self.style.SUCCESS("Индексы сверены с базой."))

    @staticmethod
    def _chosen(models, only):
        indexes = es_indexing.rebuildable()
        labels = {entry.model_label.lower(): alias for alias, entry in indexes.items()}
        unknown = sorted(set(only) - set(indexes))
        unknown += sorted(label for label in models if label.lower() not in labels)
        if unknown:
            known = ", ".join(f"{a} ({e.model_label})" for a, e in sorted(indexes.items()))
            raise CommandError(f"Нет таких индексов: {', '.join(unknown)}. Есть: {known}.")
        chosen = set(only) | {labels[label.lower()] for label in models}
        return [indexes[alias] for alias in sorted(chosen or indexes)]

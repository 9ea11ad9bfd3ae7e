"""`manage.py import_measures FILE [--dry-run] [--user EMAIL]`: see docs/navigator-import.md."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from navigator.importing import ImportRejected, import_measures


class Command(BaseCommand):
    help = "Импорт мер поддержки из CSV, XLSX или JSON; новые и изменённые уходят на проверку."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="только показать, что изменится")
        parser.add_argument("--user", help="e-mail редактора, от имени которого идёт импорт")

    def handle(self, *args, file, dry_run, user, **options):
        if not file.is_file():
            raise CommandError(f"Файл {file} не найден.")
        editor = self._editor(user)
        try:
            report = import_measures(file.name, file.read_bytes(), user=editor, dry_run=dry_run)
        except ImportRejected as error:
            for message in error.errors:
                self.stderr.write(message)
            raise CommandError("Файл не импортирован, ничего не изменено.") from error
        for row in report.rows:
            fields = f" ({', '.join(row.changed_fields)})" if row.changed_fields else ""
            self.stdout.write(f"{row.line}\t{row.source_id}\t{row.action}{fields}\t{row.title}")
            for warning in row.warnings:
                self.stdout.write(self.style.WARNING(f"{row.line}\t{warning}"))
        self.stdout.write(self.style.SUCCESS(report.summary))

    def _editor(self, email):
        if not email:
            return None
        editor = get_user_model().objects.filter(email__iexact=email).first()
        if editor is None:
            raise CommandError(f"Пользователь {email} не найден.")
        return editor

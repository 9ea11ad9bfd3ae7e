from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from legal_vector.importing.files import UnreadableFile, read_text
from legal_vector.importing.importer import MalformedAct, import_text
from legal_vector.importing.manifest import FIELDS, import_folder, options_from


class Command(BaseCommand):
    help = (
        "Импортирует правовой акт из файла .txt, .html, .rtf, .docx или .pdf либо папку актов "
        "(с manifest.csv/manifest.json или без него). Подробности: docs/legal-import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="файл акта или папка с манифестом")
        parser.add_argument("--kind", help="вид: federal_law, code, municipal_act, …")
        parser.add_argument("--number", help="номер, например 131-ФЗ")
        parser.add_argument("--date", help="дата принятия, ГГГГ-ММ-ДД")
        parser.add_argument("--title", help="название")
        parser.add_argument("--body", help="принявший орган")
        parser.add_argument("--edition-date", dest="edition_date", help="дата редакции")
        parser.add_argument("--status", help="in_force, not_yet, repealed, suspended")
        parser.add_argument("--level", help="federal, regional, municipal")
        parser.add_argument("--amending-act", dest="amending_act", help="изменяющий акт")
        parser.add_argument("--region", help="код субъекта РФ, две цифры, например 77")
        parser.add_argument("--municipality", help="код ОКТМО муниципального образования")
        parser.add_argument(
            "--register-number", dest="register_number", help="номер в регистре МПА"
        )
        parser.add_argument(
            "--citation-name",
            dest="citation_name",
            help="название для цитаты в родительном падеже, например «Закона Энской области от …»",
        )
        parser.add_argument(
            "--numbered-items",
            dest="numbered_items",
            help="«1.» в статьях: parts — части, points — пункты (иначе по названию кодекса)",
        )
        parser.add_argument("--topics", help="коды тем через запятую")

    def handle(self, *args, path, **options):
        values = {key: options.get(key) for key in [*FIELDS, "topics"] if options.get(key)}
        target = Path(path)
        if target.is_dir():
            self._import_folder(target, values)
        elif target.is_file():
            self._import_file(target, values)
        else:
            raise CommandError(f"Нет такого файла или папки: {path}")

    def _import_file(self, target, values):
        try:
            result = import_text(read_text(target), options_from(values), source_name=target.name)
        except (MalformedAct, UnreadableFile) as error:
            raise CommandError(f"{target.name}: {error} Ничего не импортировано.") from error
        self._report(target.name, result)

    def _import_folder(self, target, values):
        imported, failures = 0, 0
        try:
            for name, outcome in import_folder(target, values):
                if isinstance(outcome, Exception):
                    failures += 1
                    self.stderr.write(f"{name}: {outcome} Файл пропущен.")
                else:
                    imported += 1
                    self._report(name, outcome)
        except MalformedAct as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Итого: импортировано файлов {imported}, пропущено {failures}.")
        if failures:
            raise CommandError(f"Не импортировано файлов: {failures}.")

    def _report(self, name, result):
        self.stdout.write(f"{name}: {result.summary}")
        for warning in result.warnings:
            self.stdout.write(f"  предупреждение: {warning}")

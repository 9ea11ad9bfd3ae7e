from django.core.management.base import BaseCommand, CommandError

from portal.municipalities.importing import OktmoImportError, import_file
from portal.municipalities.models import Municipality, Region


class Command(BaseCommand):
    help = (
        "Загружает муниципальные образования из CSV-файла ОКТМО: добавляет новые и обновляет "
        "существующие по коду ОКТМО. Формат описан в docs/municipalities.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="путь к CSV-файлу")
        parser.add_argument(
            "--encoding", default="utf-8-sig", help="кодировка (по умолчанию UTF-8)"
        )
        parser.add_argument(
            "--delimiter", default=",", help="разделитель столбцов (по умолчанию ,)"
        )

    def handle(self, *args, file, encoding, delimiter, **options):
        try:
            with open(file, encoding=encoding, newline="") as text_file:
                result = import_file(text_file, Region, Municipality, delimiter=delimiter)
        except FileNotFoundError as error:
            raise CommandError(f"Файл {file} не найден.") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"Файл не читается в кодировке {encoding}; "
                "укажите другую, например --encoding cp1251."
            ) from error
        except OktmoImportError as error:
            raise CommandError(
                "Файл не загружен, в базе ничего не изменено:\n" + "\n".join(error.errors)
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Загружено: добавлено {result.created}, обновлено {result.updated}, "
                f"без изменений {result.unchanged}."
            )
        )

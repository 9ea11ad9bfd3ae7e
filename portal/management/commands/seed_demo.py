"""Load demo content: the page tree, then every app's `<app>.demo.seed(stdout)`."""

import traceback

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import registry
from portal.pages.models import EventPage, NewsPage, StandardPage


class Command(BaseCommand):
    help = "Создаёт демонстрационное содержимое портала. Повторный запуск ничего не дублирует."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo не запускается в production: демо-данные там не нужны.")
        seeded, failed = [], []
        for module in registry.app_modules("demo"):
            app = module.__name__.removesuffix(".demo")
            self.stdout.write(f"— {app}")
            try:
                # One app's failure rolls back only that app's demo data.
                with transaction.atomic():
                    module.seed(self.stdout)
            except Exception as error:
                failed.append(app)
                self.stderr.write(f"Ошибка в {module.__name__}.seed: {error!r}")
                self.stderr.write(traceback.format_exc())
            else:
                seeded.append(app)
        self._summary(seeded, failed)
        if failed:
            raise CommandError(f"Демо-данные не загружены для: {', '.join(failed)}.")

    def _summary(self, seeded, failed):

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Итог seed_demo:"))
        self.stdout.write(f"  приложения: {', '.join(seeded) or 'нет'}")
        if failed:
            self.stdout.write(self.style.ERROR(f"  с ошибками: {', '.join(failed)}"))
        self.stdout.write(
            f"  страниц: новостей {NewsPage.objects.count()}, "
            f"мероприятий {EventPage.objects.count()}, "
            f"текстовых {StandardPage.objects.count()}"
        )

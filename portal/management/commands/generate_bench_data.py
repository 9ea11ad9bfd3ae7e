"""`manage.py generate_bench_data --scale N`: data for `make bench`, from every app that has some.

The portal comes first (users spread over the municipalities), then each app's
`<app>/bench.py` `generate(scale, stdout)` in the order of `settings.PORTAL_APPS`. Every
generator must be idempotent: running the command again at the same scale adds nothing.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.registry import app_modules


def positive_scale(value):
    scale = float(value)
    if scale <= 0:
        raise ValueError("scale must be positive")
    return scale


class Command(BaseCommand):
    help = "Генерирует данные для нагрузочного теста (масштаб 1 — 300 000 пользователей)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=positive_scale, default=1.0)

    def handle(self, *args, scale, **options):
        if settings.PRODUCTION:
            raise CommandError("Данные для бенчмарка не создаются в боевом режиме.")
        for module in app_modules("bench"):
            started = time.monotonic()
            module.generate(scale, self.stdout)
            elapsed = time.monotonic() - started
            self.stdout.write(f"{module.__name__}: {elapsed:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Данные для бенчмарка готовы (масштаб {scale:g})."))

"""`manage.py generate_bench_data --scale N [--apps a,b]`: data for `make bench`, from every
app that has some, or only from the apps named.

The portal comes first (users spread over the municipalities), then each app's
`<app>/bench.py` `generate(scale, stdout)` in the order of `settings.PORTAL_APPS`. Every
generator must be idempotent: running the command again at the same scale adds nothing.
The portal's users are always generated, whatever `--apps` says: every other app's data
points at them.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.bench import bench_modules

# The app whose bench data every other app builds on.
ALWAYS = "portal"


def positive_scale(value):
    scale = float(value)
    if scale <= 0:
        raise ValueError("scale must be positive")
    return scale


def app_list(value):
    """`practices,academy` → {"practices", "academy"}; blank items are ignored."""
    return {name.strip() for name in value.split(",") if name.strip()}


class Command(BaseCommand):
    help = "Генерирует данные для нагрузочного теста (масштаб 1 — 300 000 пользователей)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=positive_scale, default=1.0)
        parser.add_argument(
            "--apps",
            type=app_list,
            default=None,
            help="только эти приложения через запятую (пользователи портала создаются всегда)",
        )

    def handle(self, *args, scale, apps, **options):
        if settings.PRODUCTION:
            raise CommandError("Данные для бенчмарка не создаются в боевом режиме.")
        chosen = None if apps is None else apps | {ALWAYS}
        for module in bench_modules(chosen):
            started = time.monotonic()
            module.generate(scale, self.stdout)
            elapsed = time.monotonic() - started
            self.stdout.write(f"{module.__name__}: {elapsed:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Данные для бенчмарка готовы (масштаб {scale:g})."))

from django.core.management.base import BaseCommand

from portal.accounts.sites import sync_site


class Command(BaseCommand):
    help = "Записать название портала и домен из SITE_URL в строку Site (приветствие в письмах)."

    def handle(self, *args, **options):
        site = sync_site()
        self.stdout.write(f"Сайт: {site.name} ({site.domain})")

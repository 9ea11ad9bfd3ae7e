from django.core.management.base import BaseCommand

from legal_vector.search.vocabulary import rebuild_vocabulary


class Command(BaseCommand):
    help = "Пересобрать словарь поиска (исправление опечаток) по текущим редакциям."

    def handle(self, *args, **options):
        words = rebuild_vocabulary()
        self.stdout.write(f"Слов в словаре: {words}")

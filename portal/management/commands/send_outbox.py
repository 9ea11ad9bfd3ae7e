from django.core.management.base import BaseCommand

from portal.models import OutboxMessage
from portal.outbox import send_all


class Command(BaseCommand):
    help = "Отправить брокеру задачи, которые ждут в очереди отправки (portal.outbox)."

    def handle(self, *args, **options):
        sent = send_all()
        waiting = OutboxMessage.objects.count()
        self.stdout.write(f"Отправлено задач: {sent}; ждут отправки: {waiting}.")
        if waiting:
            first = OutboxMessage.objects.first()
            self.stderr.write(f"Брокер недоступен: {first.last_error or 'нет ответа'}")

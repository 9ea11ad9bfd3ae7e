from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "portal.community"
    label = "community"
    verbose_name = "Сообщество"

    def ready(self):
        from portal.community import integration

        integration.register()

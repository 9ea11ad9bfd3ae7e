from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "portal.community"
    label = "community"
    verbose_name = "Сообщество"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from portal.community import integration

        integration.register()

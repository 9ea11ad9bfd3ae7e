from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "portal.pages"
    label = "pages"
    verbose_name = "Страницы"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from portal.pages import search, signals

        signals.connect()
        search.register()

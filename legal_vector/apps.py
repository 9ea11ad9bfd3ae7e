from django.apps import AppConfig


class LegalVectorConfig(AppConfig):
    name = "legal_vector"
    verbose_name = "Правовой вектор"

    def ready(self):
        from legal_vector import cabinet
        from legal_vector.models.editions import NEW_EDITION_KIND
        from portal.notifications.kinds import register_kind
        from portal.registry import register_cabinet_section

        register_kind(NEW_EDITION_KIND, "Новые редакции документов, на которые вы подписаны")
        for section in cabinet.SECTIONS:
            register_cabinet_section(section)
        from legal_vector.search import providers

        providers.register()

from django.apps import AppConfig


class LegalVectorConfig(AppConfig):
    name = "legal_vector"
    verbose_name = "Правовой вектор"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from legal_vector import cabinet
        from legal_vector.models import Bookmark, BookmarkFolder, Subscription
        from legal_vector.models.bookmarks import forget_pins
        from legal_vector.models.editions import NEW_EDITION_KIND
        from portal.notifications.kinds import register_kind
        from portal.registry import register_cabinet_section

        register_kind(NEW_EDITION_KIND, "Новые редакции документов, на которые вы подписаны")
        for section in cabinet.SECTIONS:
            register_cabinet_section(section)
        from legal_vector.search import providers

        providers.register()
        for model in (Bookmark, BookmarkFolder, Subscription):
            uid = f"legal.pins.{model.__name__}"
            post_save.connect(forget_pins, sender=model, dispatch_uid=f"{uid}.saved")
            post_delete.connect(forget_pins, sender=model, dispatch_uid=f"{uid}.deleted")

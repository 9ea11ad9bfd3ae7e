"""How «Правовой вектор» plugs into the portal: `register()` is called from AppConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from legal_vector import cabinet, personal_data, site_search
from legal_vector.models import Bookmark, BookmarkFolder, Subscription
from legal_vector.models.bookmarks import forget_pins
from legal_vector.models.editions import NEW_EDITION_KIND
from legal_vector.search import providers
from portal.notifications.kinds import register_kind
from portal.registry import (
    Seeding,
    Service,
    register_cabinet_section,
    register_personal_data,
    register_seeding,
    register_service,
)


def register():
    register_seeding(
        Seeding("legal_vector", demo="legal_vector.demo", bench="legal_vector.bench", order=70)
    )
    register_service(
        Service(
            key="legal_vector",
            url_name="legal_vector:index",
            title="Правовой вектор",
            description="Законы, МПА и ответы юристов",
            order=10,
        )
    )
    register_kind(NEW_EDITION_KIND, "Новые редакции документов, на которые вы подписаны")
    for section in cabinet.SECTIONS:
        register_cabinet_section(section)
    providers.register()
    site_search.register()
    register_personal_data(personal_data.PERSONAL_DATA)
    for model in (Bookmark, BookmarkFolder, Subscription):
        uid = f"legal.pins.{model.__name__}"
        post_save.connect(forget_pins, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(forget_pins, sender=model, dispatch_uid=f"{uid}.deleted")

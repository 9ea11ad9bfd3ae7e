from django.conf import settings
from django.utils.functional import SimpleLazyObject

SERVICES = [
    ("legal_vector:index", "Правовой вектор", "Законы, МПА и ответы юристов"),
    ("navigator:index", "Муниципальный навигатор", "Меры поддержки и конкурсы"),
    ("practices:index", "Муниципальные практики", "Лучшие решения коллег"),
    ("academy:index", "Муниципальная академия", "Курсы и программы обучения"),
    ("dialog:index", "Муниципальный диалог", "Проблемы и предложения"),
]


def layout(request):
    """What every page's header and footer need: services menu, unread count, accessibility."""
    # Imported here: the pages app itself imports SERVICES from this module.
    from portal.notifications.models import Notification
    from portal.pages.contacts import site_contacts

    unread = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        unread = Notification.objects.unread_count(user)
    return {
        "portal_services": SERVICES,
        "unread_notifications": unread,
        "low_vision": request.COOKIES.get("low_vision") == "1",
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_contacts": SimpleLazyObject(site_contacts),
    }

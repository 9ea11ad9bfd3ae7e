"""The «Закладки» and «Подписки» sections of the personal cabinet."""

from legal_vector.models import Bookmark, Subscription
from portal.registry import CabinetSection

CABINET_LIMIT = 10


def _bookmarks(request):
    bookmarks = Bookmark.objects.for_user(request.user).select_related("folder")
    return {"bookmarks": list(bookmarks[:CABINET_LIMIT])}


def _subscriptions(request):
    return {"subscriptions": list(Subscription.objects.for_user(request.user)[:CABINET_LIMIT])}


SECTIONS = [
    CabinetSection(
        key="legal_bookmarks",
        title="Закладки",
        template="legal_vector/cabinet/bookmarks.html",
        get_context=_bookmarks,
        order=40,
        url_name="legal_vector:bookmarks",
    ),
    CabinetSection(
        key="legal_subscriptions",
        title="Подписки",
        template="legal_vector/cabinet/subscriptions.html",
        get_context=_subscriptions,
        order=41,
        url_name="legal_vector:subscriptions",
    ),
]

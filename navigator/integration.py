"""How the navigator plugs into the portal: `register()` is called from AppConfig.ready()."""

from navigator import finding, personal_data, search, site_search
from navigator.models import Bookmark, SupportMeasure
from navigator.models.imports import NOTIFICATION_KIND
from portal.municipalities.caching import cached_municipality
from portal.notifications.kinds import register_kind
from portal.registry import (
    CabinetSection,
    HomeBlock,
    Seeding,
    Service,
    register_cabinet_section,
    register_home_block,
    register_personal_data,
    register_seeding,
    register_service,
)

CABINET_BOOKMARKS_SHOWN = 5
HOME_CLOSING_SHOWN = 5


def bookmarks_cabinet_context(request):

    bookmarks = Bookmark.objects.for_user(request.user).summaries()
    bookmarks = bookmarks.order_by("measure__closes_on", "pk")
    return {
        "navigator_bookmarks": list(bookmarks[:CABINET_BOOKMARKS_SHOWN]),
        "navigator_upcoming": list(bookmarks.closing_soon()[:CABINET_BOOKMARKS_SHOWN]),
    }


def closing_soon_context(request):
    """Deadlines of the next two weeks. A signed-in employee sees those their municipality may
    apply for, with a switch to every region (`?deadlines=all`); each measure names its region."""

    user = request.user
    pk = getattr(user, "municipality_id", None) if user.is_authenticated else None
    municipality = cached_municipality(pk) if pk else None
    everywhere = municipality is None or request.GET.get("deadlines") == "all"
    measures = SupportMeasure.objects.published().closing_soon()
    if not everywhere:
        measures = measures.for_municipality(municipality)
    measures = measures.without_long_texts().prefetch_related("regions", "municipalities")
    return {
        "closing": list(measures.order_by("closes_on", "pk").distinct()[:HOME_CLOSING_SHOWN]),
        "municipality": municipality,
        "everywhere": everywhere,
    }


def register():
    register_seeding(Seeding("navigator", demo="navigator.demo", bench="navigator.bench", order=80))
    register_service(
        Service(
            key="navigator",
            url_name="navigator:index",
            title="Муниципальный навигатор",
            description="Меры поддержки и конкурсы",
            order=20,
        )
    )
    register_kind(NOTIFICATION_KIND, "Импорт мер поддержки (для редакторов)")
    register_personal_data(personal_data.PERSONAL_DATA)
    finding.register()
    search.register()
    site_search.register()
    register_cabinet_section(
        CabinetSection(
            key="navigator-bookmarks",
            title="Мои меры поддержки",
            template="navigator/cabinet_bookmarks.html",
            get_context=bookmarks_cabinet_context,
            order=30,
            url_name="navigator:bookmarks",
        )
    )
    register_home_block(
        HomeBlock(
            key="navigator-closing",
            title="Скоро завершается приём",
            template="navigator/home_closing.html",
            get_context=closing_soon_context,
            personal=True,
            order=20,
        )
    )

"""The navigator in Wagtail admin: measures, organisations, programmes, corrections, import."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from navigator.admin_forms import SupportMeasureAdminForm
from navigator.admin_reports import BrokenLinksReportView, may_see_broken_links
from navigator.importing.admin_view import import_detail, import_list, import_view
from navigator.models import Correction, Organisation, Programme, SupportMeasure


class SupportMeasureViewSet(SnippetViewSet):
    model = SupportMeasure
    icon = "tasks"
    menu_label = "Меры поддержки"
    list_display = ["title", "kind", "organiser", "closes_on", "live", "updated_at"]
    list_filter = ["kind", "level", "live", "recurrence", "is_competitive"]
    search_fields = ["title"]
    list_per_page = 50
    ordering = ["-updated_at"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("summary"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("level")]),
                    FieldRowPanel([FieldPanel("organiser"), FieldPanel("operator")]),
                    FieldPanel("programme"),
                    FieldPanel("spheres"),
                    FieldPanel("confirm_not_duplicate"),
                ],
                heading="Основное",
            ),
            ObjectList(
                [
                    FieldPanel("regions"),
                    FieldPanel("municipalities"),
                    FieldPanel("municipality_types"),
                    FieldRowPanel([FieldPanel("population_min"), FieldPanel("population_max")]),
                    FieldPanel("other_conditions"),
                ],
                heading="Кто может подать",
            ),
            ObjectList(
                [
                    FieldPanel("funded_items"),
                    FieldRowPanel([FieldPanel("amount_min"), FieldPanel("amount_max")]),
                    FieldRowPanel([FieldPanel("cofinancing_min"), FieldPanel("cofinancing_max")]),
                    FieldPanel("is_competitive"),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [
                                    FieldPanel("opens_on"),
                                    FieldPanel("pre_application_on"),
                                    FieldPanel("closes_on"),
                                ]
                            ),
                            FieldPanel("recurrence"),
                        ],
                        heading="Сроки приёма",
                    ),
                ],
                heading="Деньги и сроки",
            ),
            ObjectList(
                [
                    FieldPanel("required_documents"),
                    FieldPanel("how_to_apply"),
                    FieldPanel("legal_documents"),
                    FieldPanel("legal_basis_note"),
                    FieldPanel("contacts"),
                    FieldPanel("application_url"),
                    FieldRowPanel([FieldPanel("source_id"), FieldPanel("source_url")]),
                    FieldPanel("verified_on"),
                ],
                heading="Как подать и источник",
            ),
            ObjectList(
                [FieldRowPanel([FieldPanel("go_live_at"), FieldPanel("expire_at")])],
                heading="Публикация по расписанию",
            ),
        ],
        base_form_class=SupportMeasureAdminForm,
    )


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Организации"
    list_display = ["name", "short_name", "region", "live"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("logo"),
        FieldPanel("region"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("go_live_at"), FieldPanel("expire_at")]),
    ]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "folder-open-inverse"
    menu_label = "Нацпроекты и госпрограммы"
    list_display = ["name", "kind", "parent", "live"]
    list_filter = ["kind"]
    search_fields = ["name"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("go_live_at"), FieldPanel("expire_at")]),
    ]


class CorrectionViewSet(SnippetViewSet):
    """The editors' queue of «предложить исправление»."""

    model = Correction
    icon = "warning"
    menu_label = "Предложенные исправления"
    list_display = ["measure", "text", "user", "status", "created_at"]
    list_filter = ["status"]
    ordering = ["status", "-created_at"]
    panels = [FieldPanel("status"), FieldPanel("editor_note"), FieldPanel("text", read_only=True)]


class NavigatorGroup(SnippetViewSetGroup):
    items = (SupportMeasureViewSet, OrganisationViewSet, ProgrammeViewSet, CorrectionViewSet)
    menu_icon = "tasks"
    menu_label = "Навигатор"
    menu_name = "navigator"


register_snippet(NavigatorGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("navigator/import/", import_view, name="navigator_import"),
        path("navigator/import/history/", import_list, name="navigator_import_list"),
        path("navigator/import/<int:pk>/", import_detail, name="navigator_import_detail"),
        path(
            "navigator/broken-links/",
            BrokenLinksReportView.as_view(),
            name="navigator_broken_links",
        ),
        path(
            "navigator/broken-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="navigator_broken_links_results",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("navigator.add_supportmeasure")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem("Импорт мер", reverse("navigator_import"), icon_name="upload", order=310)


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_broken_links(request.user)


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return BrokenLinksMenuItem(
        "Битые ссылки", reverse("navigator_broken_links"), icon_name="warning", order=900
    )

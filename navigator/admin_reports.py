"""Reports of the navigator: searches without results, popular measures, broken links.

In Django admin the two log reports are aggregated views: a proxy model gives each a place in the
admin menu and its own permission, and `changelist_view` renders the aggregate instead of rows.
Broken links are also a Wagtail admin report («Битые ссылки»), where the editors who fix the
measures work.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from navigator.models import LinkCheck, MeasureAlert, PopularMeasure, ZeroResultSearch
from portal.accounts import roles

PERIODS = {"7": "7 дней", "30": "30 дней", "90": "90 дней", "365": "год"}
DEFAULT_PERIOD = "30"
REPORT_ROWS = 200


class ReportAdmin(admin.ModelAdmin):
    """A read-only report: no adding, editing or deleting of the underlying log."""

    report_template = "navigator/admin_report.html"
    columns: tuple[tuple[str, str], ...] = ()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def report_rows(self, days):
        raise NotImplementedError

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        period = request.GET.get("days", DEFAULT_PERIOD)
        if period not in PERIODS:
            period = DEFAULT_PERIOD
        rows = list(self.report_rows(int(period))[:REPORT_ROWS])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.model._meta.verbose_name_plural.capitalize(),
            "columns": self.columns,
            "rows": [[row[key] for key, _ in self.columns] for row in rows],
            "periods": PERIODS,
            "period": period,
        }
        return TemplateResponse(request, self.report_template, context)


@admin.register(ZeroResultSearch)
class ZeroResultSearchAdmin(ReportAdmin):
    columns = (("query", "Запрос"), ("searches", "Сколько раз"), ("last_searched", "Последний"))

    def report_rows(self, days):
        return ZeroResultSearch.objects.since(days).zero_results().report()


@admin.register(PopularMeasure)
class PopularMeasureAdmin(ReportAdmin):
    columns = (
        ("measure__title", "Мера поддержки"),
        ("clicks", "Переходов к подаче заявки"),
        ("last_clicked", "Последний переход"),
    )

    def report_rows(self, days):
        return PopularMeasure.objects.since(days).popular_measures()


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ("url", "measure", "status_code", "error", "is_broken", "checked_at")
    list_filter = ("is_broken",)
    list_select_related = ("measure",)
    search_fields = ("url", "measure__title")
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False


@admin.register(MeasureAlert)
class MeasureAlertAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "frequency", "is_active", "created_at", "last_sent_at")
    list_filter = ("frequency", "is_active")
    list_select_related = ("user",)
    search_fields = ("title", "user__email")
    readonly_fields = ("user", "query", "created_at", "last_sent_at")


def may_see_broken_links(user):
    """Staff content editors (and superusers): those who correct measures."""
    return user.is_active and user.is_staff and user.has_role(roles.EDITOR)


def measure_edit_url(check):
    return reverse("wagtailsnippets_navigator_supportmeasure:edit", args=[check.measure_id])


class BrokenLinksReportView(ReportView):
    """Wagtail admin: measures whose application or source link failed the latest check."""

    page_title = "Битые ссылки"
    header_icon = "warning"
    index_url_name = "navigator_broken_links"
    index_results_url_name = "navigator_broken_links_results"
    columns = [
        TitleColumn("measure", label="Мера поддержки", get_url=measure_edit_url),
        Column("url", label="Ссылка"),
        Column("status_code", label="Код ответа"),
        Column("error", label="Ошибка"),
        DateColumn("checked_at", label="Проверено"),
    ]
    list_export = ["measure", "url", "status_code", "error", "checked_at"]
    export_headings = {
        "measure": "Мера поддержки",
        "url": "Ссылка",
        "status_code": "Код ответа",
        "error": "Ошибка",
        "checked_at": "Проверено",
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_see_broken_links(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            LinkCheck.objects.broken()
            .select_related("measure")
            .only("url", "status_code", "error", "checked_at", "measure__title")
            .order_by("-checked_at", "pk")
        )

    def get_filename(self):
        return "broken-links"

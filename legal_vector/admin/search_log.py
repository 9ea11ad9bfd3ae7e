from django.contrib import admin

from legal_vector.models import LegalSearchQuery, ZeroResultQuery


class ReadOnlyLogAdmin(admin.ModelAdmin):
    list_display = ["query", "source", "result_count", "created_at"]
    list_filter = ["source", "created_at"]
    search_fields = ["query"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LegalSearchQuery)
class LegalSearchQueryAdmin(ReadOnlyLogAdmin):
    pass


@admin.register(ZeroResultQuery)
class ZeroResultQueryAdmin(ReadOnlyLogAdmin):
    """Queries that found nothing, with the most frequent ones on top of the list."""

    change_list_template = "legal_vector/search_zero_report.html"

    def get_queryset(self, request):
        return super().get_queryset(request).zero_results()

    def changelist_view(self, request, extra_context=None):
        top = list(ZeroResultQuery.objects.zero_results().report()[:30])
        return super().changelist_view(request, {**(extra_context or {}), "top_queries": top})

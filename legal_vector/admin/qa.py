from django.contrib import admin

from legal_vector.admin.consultations import LawyerAccessMixin
from legal_vector.models import QACitation, QAItem


class QACitationInline(admin.TabularInline):
    model = QACitation
    extra = 1
    fields = ["document", "stable_key", "position"]
    autocomplete_fields = ["document"]


@admin.register(QAItem)
class QAItemAdmin(LawyerAccessMixin, admin.ModelAdmin):
    list_display = ["question", "is_published", "source_consultation", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["question", "answer"]
    raw_id_fields = ["source_consultation"]
    inlines = [QACitationInline]

    def has_add_permission(self, request):
        return self._is_lawyer(request) or super().has_add_permission(request)

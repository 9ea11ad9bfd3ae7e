"""Practices in Django admin: moderators find practices by text, direction, region and status."""

from django.contrib import admin

from portal.models import Sphere
from practices.models import Adoption, Contest, Entry, Nomination, Practice


class DirectionFilter(admin.SimpleListFilter):
    title = "направление"
    parameter_name = "direction"

    def lookups(self, request, model_admin):
        return [(sphere.slug, sphere.name) for sphere in Sphere.objects.directions()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.in_sphere(Sphere.objects.filter(slug=self.value()))


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    """Staff with the practice permissions: list and search; those who may publish also edit.

    A practice is written in Wagtail («Муниципальные практики» in /cms/), where drafts and the
    moderation workflow live. An edit here changes the public page at once, so it is saved as a
    revision too (Wagtail's history stays whole) and only people who may publish make it.
    """

    list_display = ["title", "municipality", "region", "started_year", "budget", "status"]
    list_select_related = ["municipality__region"]
    list_filter = ["status", DirectionFilter, "started_year", "municipality__region"]
    search_fields = ["title", "key_result", "municipality__name"]
    autocomplete_fields = ["municipality", "legal_documents"]
    filter_horizontal = ["spheres", "support_measures"]
    readonly_fields = ["status", "author", "first_published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "municipality", "spheres", "started_year"]}),
        ("Содержание", {"fields": ["key_result", "problem", "solution", "results"]}),
        ("Деньги", {"fields": ["budget", "funding_sources", "support_measures"]}),
        ("Правовые акты", {"fields": ["legal_documents"]}),
        (
            "Контакты ответственного",
            {"fields": ["contact_name", "contact_position", "contact_email", "contact_phone"]},
        ),
        ("Публикация", {"fields": readonly_fields}),
    ]

    @admin.display(description="субъект РФ", ordering="municipality__region__name")
    def region(self, practice):
        return practice.municipality.region

    def has_add_permission(self, request):
        # New practices start as Wagtail drafts, so they pass the moderation workflow.
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and request.user.has_perm(
            "practices.publish_practice"
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        practice = form.instance
        revision = practice.save_revision(user=request.user, log_action=True)
        if practice.live:
            revision.publish(user=request.user)


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 1


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    """Moderators run the contest: nominations, the jury, publishing the results."""

    list_display = ["year", "title", "entries_until", "scoring_until", "results_published_at"]
    filter_horizontal = ["jury"]
    readonly_fields = ["results_published_at"]
    inlines = [NominationInline]
    actions = ["publish"]

    @admin.action(description="Опубликовать итоги выбранных конкурсов")
    def publish(self, request, queryset):
        published = sum(contest.publish_results() for contest in queryset)
        self.message_user(request, f"Опубликовано итогов: {published}.")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["practice", "nomination", "place", "nominated_by", "created_at"]
    list_filter = ["nomination__contest", "nomination", "place"]
    list_select_related = ["practice", "nomination", "nominated_by"]
    raw_id_fields = ["practice"]
    readonly_fields = ["nominated_by"]

    def save_model(self, request, obj, form, change):
        obj.nominated_by = obj.nominated_by or request.user
        super().save_model(request, obj, form, change)


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ["practice", "municipality", "adopted_on", "recorded_by"]
    list_select_related = ["practice", "municipality", "recorded_by"]
    raw_id_fields = ["practice", "municipality"]
    search_fields = ["practice__title", "municipality__name"]

from django.contrib import admin

from portal.models import SearchSynonym, Sphere


@admin.register(Sphere)
class SphereAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order"]
    list_filter = ["parent"]
    search_fields = ["name"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["term", "expansions"]

from django.contrib import admin

from portal.municipalities.models import Municipality, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "region", "oktmo", "population"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "oktmo"]
    autocomplete_fields = ["parent"]
    list_select_related = ["region", "parent"]

from django.urls import path

from navigator.views import (
    alerts,
    api,
    apply,
    bookmarks,
    calendar,
    export,
    for_me,
    listing,
    measures,
)

app_name = "navigator"

urlpatterns = [
    path("", listing.measure_list, name="index"),
    path("export.<str:fmt>", export.measure_export, name="export"),
    path("api/measures", api.measure_list, name="api_measures"),
    path("measures/<slug:slug>/apply/", apply.apply_redirect, name="apply"),
    # --- core: measure page, bookmarks, calendar, for-me ---
    path("measures/<slug:slug>/", measures.measure_detail, name="measure"),
    path("measures/<slug:slug>/print/", measures.measure_print, name="measure_print"),
    path("measures/<slug:slug>/calendar.ics", calendar.measure_ics, name="measure_ics"),
    path("measures/<slug:slug>/bookmark/", bookmarks.bookmark_add, name="bookmark_add"),
    path("measures/<slug:slug>/correction/", measures.suggest_correction, name="correction"),
    path("my/", bookmarks.bookmark_list, name="bookmarks"),
    path("my/<int:pk>/", bookmarks.bookmark_edit, name="bookmark_edit"),
    path("my/<int:pk>/delete/", bookmarks.bookmark_delete, name="bookmark_delete"),
    path("my/calendar/", calendar.calendar_feed_renew, name="calendar_feed_renew"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("for-me/", for_me.for_me, name="for_me"),
    path("for-me/spheres/", for_me.follow_spheres, name="follow_spheres"),
    # --- finding: alerts ---
    path("alerts/", alerts.alert_list, name="alerts"),
    path("alerts/new/", alerts.alert_create, name="alert_create"),
    path("alerts/<int:pk>/delete/", alerts.alert_delete, name="alert_delete"),
    path("alerts/unsubscribe/<str:token>/", alerts.alert_unsubscribe, name="alert_unsubscribe"),
]

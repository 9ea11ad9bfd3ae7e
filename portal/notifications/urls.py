from django.urls import path

from portal.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/read/", views.mark_read, name="mark_read"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("settings/", views.email_settings, name="settings"),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/new/<slug:service>/", views.alert_create, name="alert_create"),
    path("alerts/<int:pk>/delete/", views.alert_delete, name="alert_delete"),
    path(
        "alerts/unsubscribe/<slug:service>/<str:token>/",
        views.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
]

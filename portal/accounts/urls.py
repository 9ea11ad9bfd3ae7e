from django.urls import path

from portal.accounts.views import cabinet, privacy, profile

app_name = "cabinet"

urlpatterns = [
    path("", cabinet.index, name="index"),
    path("profile/", profile.profile, name="profile"),
    path("security/", cabinet.security, name="security"),
    path("export/", privacy.export_data, name="export"),
    path("deletion/", privacy.deletion, name="deletion"),
    path("deletion/cancel/", privacy.cancel_deletion, name="cancel_deletion"),
]

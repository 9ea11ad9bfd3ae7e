from django.urls import path

from portal.accounts.views import cabinet, privacy, profile, verification

app_name = "cabinet"

urlpatterns = [
    path("", cabinet.index, name="index"),
    path("profile/", profile.profile, name="profile"),
    path("security/", cabinet.security, name="security"),
    path("export/", privacy.export_data, name="export"),
    path("deletion/", privacy.deletion, name="deletion"),
    path("deletion/cancel/", privacy.cancel_deletion, name="cancel_deletion"),
    path("verification/", verification.request_verification, name="verification"),
    path("verification/queue/", verification.verification_queue, name="verification_queue"),
    path(
        "verification/<int:pk>/decide/",
        verification.decide_verification,
        name="decide_verification",
    ),
]

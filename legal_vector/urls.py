from django.urls import path

from legal_vector.views import documents, landing

app_name = "legal_vector"

urlpatterns = [
    path("", landing.index, name="index"),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
]

from django.urls import path

from legal_vector import views

app_name = "legal_vector"

urlpatterns = [
    path("", views.index, name="index"),
]

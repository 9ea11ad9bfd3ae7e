from django.urls import path

from navigator import views

app_name = "navigator"

urlpatterns = [
    path("", views.index, name="index"),
]

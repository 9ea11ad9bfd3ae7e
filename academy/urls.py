from django.urls import path

from academy import views

app_name = "academy"

urlpatterns = [
    path("", views.index, name="index"),
]

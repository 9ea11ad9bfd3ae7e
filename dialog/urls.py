from django.urls import path

from dialog import views

app_name = "dialog"

urlpatterns = [
    path("", views.index, name="index"),
]

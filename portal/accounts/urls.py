from django.urls import path

from portal.accounts import views

app_name = "cabinet"

urlpatterns = [
    path("", views.cabinet, name="index"),
]

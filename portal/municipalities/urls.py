from django.urls import path

from portal.municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("autocomplete/", views.autocomplete, name="autocomplete"),
    path("choose/", views.choose, name="choose"),
]

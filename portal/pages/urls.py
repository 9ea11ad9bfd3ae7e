from django.urls import path

from portal.pages import views

# Only the home page has a route of its own (a cache fast path); every other page is served by
# Wagtail's catch-all pattern at the end of portal/urls.py.
urlpatterns = [path("", views.home, name="home")]

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("cabinet/", include("portal.accounts.urls")),
    path("cabinet/notifications/", include("portal.notifications.urls")),
    path("community/", include("portal.community.urls")),
    path("municipalities/", include("portal.municipalities.urls")),
    path("", include("portal.pages.urls")),
    path("search/", views.site_search, name="site_search"),
    path("search/suggest/", views.site_search_suggest, name="site_search_suggest"),
    path("accessibility/", views.toggle_low_vision, name="toggle_low_vision"),
    path("legal/", include("legal_vector.urls")),
    path("navigator/", include("navigator.urls")),
    path("practices/", include("practices.urls")),
    path("academy/", include("academy.urls")),
    path("dialog/", include("dialog.urls")),
]

# A refusal for lack of verification explains how to get verified.
handler403 = "portal.accounts.views.errors.permission_denied"

if settings.DEBUG:
    urlpatterns += static(
        settings.MEDIA_URL, views.development_media, document_root=settings.MEDIA_ROOT
    )

if settings.BENCH_TRIVIAL_VIEW:
    from portal.bench import trivial_view  # exists only for the bench's own server

    urlpatterns.append(path("bench/trivial", trivial_view, name="bench_trivial"))

urlpatterns.append(path("", include(wagtail_urls)))

from django.views.decorators.http import require_safe
from wagtail.views import serve as wagtail_serve

from portal.pages import cache as home_cache


@require_safe
def home(request):
    """Public: the home page; anonymous visitors get the cached copy without Wagtail's routing."""
    if home_cache.is_cacheable(request):
        cached = home_cache.cached_copy(request)
        if cached is not None:
            return cached
    return wagtail_serve(request, "")

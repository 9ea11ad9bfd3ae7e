"""A lesson at its short address, /academy/lessons/<id>/ (see `LessonPage.get_url_parts`)."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET
from wagtail import hooks

from academy.models import LessonPage


@require_GET
def lesson(request, lesson_id):
    """Enrolled learners, editors and academy administrators (`LessonPage.serve` decides).

    Served through Wagtail's serve hooks, as `wagtail.views.serve` does for an address in the
    tree: view restrictions on the course or above still apply."""
    page = LessonPage.live_by_id(lesson_id)
    if page is None:
        raise Http404("Урок не найден.")
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, [], {})
        if isinstance(result, HttpResponse):
            return result
    serve = _serve
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        serve = hook(serve)
    return serve(page, request, [], {})


def _serve(page, request, args, kwargs):
    return page.serve(request, *args, **kwargs)

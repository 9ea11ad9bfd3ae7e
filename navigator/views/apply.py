"""The «подать заявку» link: counted, then off to the organiser's application site."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from navigator.models import ApplyClick, SupportMeasure


@never_cache
@require_GET
def apply_redirect(request, slug):
    """Public: log a click on «подать заявку» and redirect to the measure's application link."""
    measure = get_object_or_404(
        SupportMeasure.objects.published().only("pk", "application_url"), slug=slug
    )
    if not measure.application_url.startswith(("http://", "https://")):
        raise Http404("У этой меры нет ссылки для подачи заявки.")
    ApplyClick.objects.create(
        measure=measure, user=request.user if request.user.is_authenticated else None
    )
    return HttpResponseRedirect(measure.application_url)

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from portal.municipalities.models import Municipality


@require_GET
def autocomplete(request):
    """Public: municipalities whose names resemble `q`, for the choice widgets."""
    found = Municipality.objects.select_related("region", "parent").search(request.GET.get("q"))
    return JsonResponse({"results": [{"id": m.pk, "text": m.full_name} for m in found[:20]]})

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def index(request):
    """Public: the service's landing page."""
    return render(request, "legal_vector/index.html")

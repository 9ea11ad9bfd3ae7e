from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from legal_vector.models import Document


@require_GET
def document_detail(request, pk):
    """Public: a document's text."""
    document = get_object_or_404(Document, pk=pk)
    return render(request, "legal_vector/document.html", {"document": document})

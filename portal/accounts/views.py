from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal.registry import cabinet_sections, ordered


@login_required
def cabinet(request):
    """Signed-in users: their personal dashboard with a section per service."""
    sections = [
        {"section": section, **section.get_context(request)}
        for section in ordered(cabinet_sections)
    ]
    return render(request, "accounts/cabinet.html", {"sections": sections})

"""What legal-search plugs into the portal: site-wide search, cabinet, notification kind,
Elasticsearch sync."""

from django.utils.html import strip_tags

from portal.notifications.kinds import register_kind
from portal.registry import (
    CabinetSection,
    LowerBound,
    SearchProvider,
    register_cabinet_section,
    register_search_provider,
)

CABINET_LIMIT = 10


def site_search(query, user, limit):
    """The legal group on /search/: units with plain-text snippets."""
    from django.http import QueryDict

    from legal_vector.search.service import search_legal_base

    page = search_legal_base(query, QueryDict(), user, per_page=limit, log=False)
    items = [
        {
            "title": f"{unit.short_label} {unit.document.title}".strip(),
            "url": unit.get_absolute_url(),
            "snippet": strip_tags(unit.highlight),
            "kind": unit.document.get_kind_display(),
        }
        for unit in page.units
    ]
    total = page.result.total
    return items, LowerBound(total) if page.result.total_is_lower_bound else total


def _consultations(request):
    from legal_vector.models import Consultation

    mine = Consultation.objects.filter(author=request.user).order_by("-created_at")
    return {"consultations": list(mine[:CABINET_LIMIT])}


def register():
    from legal_vector.models.consultations import NOTIFICATION_KIND
    from legal_vector.search import syncing

    syncing.register()

    register_kind(NOTIFICATION_KIND, "Консультации юристов", email_by_default=True)
    register_search_provider(
        SearchProvider(key="legal", title="Правовой вектор", search=site_search, order=10)
    )
    register_cabinet_section(
        CabinetSection(
            key="legal_consultations",
            title="Мои консультации",
            template="legal_vector/consultation_cabinet.html",
            get_context=_consultations,
            order=39,
            url_name="legal_vector:consultations",
        )
    )

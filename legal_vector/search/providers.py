"""What legal-search plugs into the portal: cabinet, notification kind, Elasticsearch sync
(the site-wide search provider is `legal_vector/site_search.py`)."""

from legal_vector.models import Consultation
from legal_vector.models.consultations import NOTIFICATION_KIND
from legal_vector.search import syncing
from portal.notifications.kinds import register_kind
from portal.registry import (
    CabinetSection,
    register_cabinet_section,
)

CABINET_LIMIT = 10


def _consultations(request):

    mine = Consultation.objects.filter(author=request.user).order_by("-created_at")
    return {"consultations": list(mine[:CABINET_LIMIT])}


def register():

    syncing.register()

    register_kind(NOTIFICATION_KIND, "Консультации юристов", email_by_default=True)
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

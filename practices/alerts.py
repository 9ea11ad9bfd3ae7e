"""Practices in the portal's alerts: «Подписаться на эту подборку» saves the catalogue's filter
(`PracticeFilter`), and the digest lists the practices published since (docs/notifications.md).
"""

from django.http import QueryDict

from portal.notifications.kinds import register_kind
from portal.registry import AlertSource, register_alert_source
from practices.filters import PracticeFilter

SERVICE = "practices"
ALERT_KIND = "practices.alert"


def new_practices(alert):
    """Practices the saved filter selects that went public after the alert was saved, oldest
    first (a practice published again after an edit is not new)."""
    found = PracticeFilter.for_query(QueryDict(alert.query)).qs
    return (
        found.filter(first_published_at__gte=alert.created_at)
        .for_lists()
        .order_by("first_published_at", "pk")
    )


def digest_subject(alert, count):
    return f"Новые практики по подписке «{alert.title}»: {count}"


ALERT_SOURCE = AlertSource(
    service=SERVICE,
    title="Муниципальные практики",
    list_url_name="practices:index",
    new_items=new_practices,
    subject=digest_subject,
    template="practices/emails/alert_digest",
    kind=ALERT_KIND,
    filterset=PracticeFilter,
    # Practices are the verified employees' community: following it is theirs too.
    verified_only=True,
)


def register():
    register_kind(ALERT_KIND, "Подписки на подборки практик")
    register_alert_source(ALERT_SOURCE)

"""The problem field in the portal's alerts: «Подписаться на эту подборку» saves the field's
filter (`ProblemFilter`), and the digest lists the problems made public since
(docs/notifications.md, «Alerts»)."""

from django.http import QueryDict

from dialog.filters import ProblemFilter
from portal.notifications.kinds import register_kind
from portal.registry import AlertSource, register_alert_source

SERVICE = "dialog"
ALERT_KIND = "dialog.alert"


def new_problems(alert):
    """Public problems the saved filter selects that were published after the alert was
    saved, oldest first. A problem made public again after hiding is not new."""
    found = ProblemFilter.for_query(QueryDict(alert.query)).qs
    return (
        found.filter(published_at__gte=alert.created_at).for_lists().order_by("published_at", "pk")
    )


def digest_subject(alert, count):
    return f"Новые проблемы по подписке «{alert.title}»: {count}"


ALERT_SOURCE = AlertSource(
    service=SERVICE,
    title="Муниципальный диалог",
    list_url_name="dialog:index",
    new_items=new_problems,
    subject=digest_subject,
    template="dialog/emails/alert_digest",
    kind=ALERT_KIND,
    filterset=ProblemFilter,
)


def register():
    register_kind(ALERT_KIND, "Подписки на подборки проблем")
    register_alert_source(ALERT_SOURCE)

"""How the notifications app plugs into the portal shell: the cabinet's «Подписки на подборки»."""

from portal.notifications.models import Alert
from portal.registry import CabinetSection, alert_sources, register_cabinet_section

CABINET_ALERTS_SHOWN = 10


def alerts_cabinet_context(request):
    alerts = Alert.objects.for_user(request.user).filter(service__in=list(alert_sources))
    return {"alerts": list(alerts[:CABINET_ALERTS_SHOWN]), "sources": list(alert_sources.values())}


def register():
    register_cabinet_section(
        CabinetSection(
            key="alerts",
            title="Подписки на подборки",
            template="notifications/cabinet_alerts.html",
            get_context=alerts_cabinet_context,
            order=40,
            url_name="notifications:alerts",
        )
    )

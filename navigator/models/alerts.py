"""The navigator's share of the portal's alerts: saved filters of the measure list, mailed as a
digest of new or changed measures (portal.notifications.models.Alert, docs/notifications.md).
"""

from portal.notifications.models import Alert, AlertFrequency, ServiceAlertManager

SERVICE = "navigator"
# The alerts' frequencies are the portal's; the old name stays for the navigator's callers.
Frequency = AlertFrequency


class MeasureAlert(Alert):
    """A user's saved filter of the navigator (its query is `MeasureFilter.canonical_query`)."""

    objects = ServiceAlertManager(SERVICE)

    class Meta:
        proxy = True
        verbose_name = "подписка на меры поддержки"
        verbose_name_plural = "подписки на меры поддержки"

    def save(self, *args, **kwargs):
        self.service = SERVICE
        super().save(*args, **kwargs)

    @classmethod
    def from_unsubscribe_token(cls, token):
        """The navigator's alert a signed token names; None when forged or gone. (Digests now
        link to the portal's address; the navigator's stays for those mailed before.)"""
        return Alert.from_unsubscribe_token(SERVICE, token)

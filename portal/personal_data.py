"""What the portal shell holds about a person (152-ФЗ), registered like every app's share.

The account itself (profile, e-mail addresses, consents, verification and deletion requests) is
written by `portal.accounts.export` and erased by `User.anonymize()`, which runs the erasure of
every registered `PersonalData`.
"""

from portal.models import FormSubmission, SearchLog
from portal.notifications.export import export_notifications
from portal.notifications.models import Alert, Delivery, EmailPreference, Notification
from portal.registry import PersonalData, register_personal_data


def _erase_notifications(user):
    Notification.objects.filter(user=user).delete()
    EmailPreference.objects.filter(user=user).delete()
    Delivery.objects.filter(user=user).delete()
    Alert.objects.filter(user=user).delete()


def _export_submissions(user):
    rows = FormSubmission.objects.filter(user=user).order_by("created_at", "pk")
    return list(rows.values("form", "result_url", "created_at"))


def _erase_submissions(user):
    FormSubmission.objects.filter(user=user).delete()


def _export_search_log(user):
    rows = SearchLog.objects.filter(user=user).order_by("created_at", "pk")
    return list(rows.values("service", "source", "query", "filters", "created_at"))


def _erase_search_log(user):
    # The queries stay, without the person, in the statistics of what people look for.
    SearchLog.objects.filter(user=user).update(user=None)


ENTRIES = [
    PersonalData(
        key="account",
        models=(
            "accounts.User",
            "accounts.PersonalDataConsent",
            "accounts.DeletionRequest",
            "accounts.VerificationRequest",
            "accounts.Interest",
        ),
        kept_because=(
            "профиль и сферы работы стирает User.anonymize(); "
            "согласие на обработку данных и запрос на удаление хранятся как подтверждение "
            "исполнения 152-ФЗ; отметка о том, кто подтвердил чужую учётную запись, — "
            "как запись о работе модератора"
        ),
    ),
    PersonalData(
        key="notifications",
        models=(
            "notifications.Notification",
            "notifications.EmailPreference",
            "notifications.Delivery",
            "notifications.Alert",
        ),
        export=export_notifications,
        erase=_erase_notifications,
    ),
    PersonalData(
        key="search_log",
        models=("portal.SearchLog",),
        export=_export_search_log,
        erase=_erase_search_log,
    ),
    PersonalData(
        key="form_submissions",
        models=("portal.FormSubmission",),
        export=_export_submissions,
        erase=_erase_submissions,
    ),
]


def register():
    for entry in ENTRIES:
        register_personal_data(entry)

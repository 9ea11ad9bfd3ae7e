"""What «Правовой вектор» holds about a person (152-ФЗ): export and erasure on account deletion."""

from legal_vector.models import Bookmark, BookmarkFolder, Consultation, Subscription
from legal_vector.models.consultation_thread import ConsultationMessage
from legal_vector.models.imports import ImportJob
from portal.registry import PersonalData


def _pin(pin):
    return {"document": pin.document.title, "unit": pin.label, "created_at": pin.created_at}


def export(user):
    consultations = Consultation.objects.filter(author=user).order_by("created_at", "pk")
    return {
        "bookmark_folders": list(
            BookmarkFolder.objects.filter(user=user).values("name", "created_at")
        ),
        "bookmarks": [
            {**_pin(bookmark), "folder": bookmark.folder.name if bookmark.folder else None}
            for bookmark in Bookmark.objects.filter(user=user)
            .select_related("document", "folder")
            .order_by("created_at", "pk")
        ],
        "subscriptions": [
            _pin(subscription)
            for subscription in Subscription.objects.filter(user=user)
            .select_related("document")
            .order_by("created_at", "pk")
        ],
        "consultations": [
            {
                "question": consultation.question,
                "status": consultation.get_status_display(),
                "answer": consultation.answer,
                "rating": consultation.rating,
                "created_at": consultation.created_at,
                "answered_at": consultation.answered_at,
            }
            for consultation in consultations
        ],
        "consultation_messages": list(
            ConsultationMessage.objects.filter(author=user)
            .order_by("created_at", "pk")
            .values("consultation_id", "text", "created_at")
        ),
        "imports": list(
            ImportJob.objects.filter(created_by=user)
            .order_by("created_at", "pk")
            .values("file_name", "status", "created_at")
        ),
    }


def erase(user):
    Bookmark.objects.filter(user=user).delete()
    BookmarkFolder.objects.filter(user=user).delete()
    Subscription.objects.filter(user=user).delete()
    # A published Q&A made from a consultation was anonymised by the lawyer; it stays. The
    # messages of the user's consultations go with them.
    Consultation.objects.filter(author=user).delete()
    ImportJob.objects.filter(created_by=user).update(created_by=None)


PERSONAL_DATA = PersonalData(
    key="legal_vector",
    models=(
        "legal_vector.BookmarkFolder",
        "legal_vector.Bookmark",
        "legal_vector.Subscription",
        "legal_vector.Consultation",
        "legal_vector.ConsultationMessage",
        "legal_vector.ImportJob",
    ),
    export=export,
    erase=erase,
    kept_because=(
        "консультации, которые юрист вёл по вопросам других пользователей, остаются у их авторов; "
        "поисковые запросы остаются в статистике, импорты документов — в журнале редакции, "
        "без привязки к учётной записи"
    ),
)

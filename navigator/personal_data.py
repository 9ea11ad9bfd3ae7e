"""What the navigator holds about a person (152-ФЗ): export and erasure on account deletion."""

from navigator.models import (
    ApplyClick,
    Bookmark,
    CalendarFeed,
    Correction,
    MeasureImport,
)
from portal.registry import PersonalData


def export(user):
    bookmarks = Bookmark.objects.filter(user=user).select_related("measure")
    corrections = Correction.objects.filter(user=user).select_related("measure")
    return {
        "bookmarks": [
            {
                "measure": bookmark.measure.title,
                "status": bookmark.get_status_display(),
                "applied_on": bookmark.applied_on,
                "decided_on": bookmark.decided_on,
                "note": bookmark.note,
                "remind_days_before": bookmark.remind_days_before,
            }
            for bookmark in bookmarks.order_by("pk")
        ],
        "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
        "corrections": [
            {
                "measure": correction.measure.title,
                "text": correction.text,
                "status": correction.get_status_display(),
                "created_at": correction.created_at,
            }
            for correction in corrections.order_by("created_at", "pk")
        ],
        "imports": list(
            MeasureImport.objects.filter(user=user)
            .order_by("pk")
            .values("file_name", "status", "started_at", "finished_at")
        ),
        "apply_clicks": ApplyClick.objects.filter(user=user).count(),
    }


def erase(user):
    Bookmark.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    for model in (Correction, MeasureImport, ApplyClick):
        model.objects.filter(user=user).update(user=None)


PERSONAL_DATA = PersonalData(
    key="navigator",
    models=(
        "navigator.Bookmark",
        "navigator.CalendarFeed",
        "navigator.Correction",
        "navigator.MeasureImport",
        "navigator.ApplyClick",
        "navigator.PopularMeasure",
    ),
    export=export,
    erase=erase,
    kept_because=(
        "предложенные исправления и импорты мер остаются у редакции как рабочие записи, "
        "поисковые запросы и переходы к подаче заявок — в статистике; "
        "все они больше не связаны с учётной записью"
    ),
)

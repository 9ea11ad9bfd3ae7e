"""What practices hold about a person besides the practices they wrote (152-ФЗ): «внедрили у
себя», contest entries and the jury's work; export and what account deletion does."""

from portal.registry import PersonalData
from practices.models import Adoption, Contest, Entry, Score


def export(user):
    adoptions = Adoption.objects.filter(recorded_by=user).select_related("practice")
    entries = Entry.objects.filter(nominated_by=user).select_related("practice")
    scores = Score.objects.filter(juror=user).select_related("entry__practice")
    return {
        "adoptions": [
            {
                "practice": adoption.practice.title,
                "adopted_on": adoption.adopted_on,
                "note": adoption.note,
                "results": adoption.results,
            }
            for adoption in adoptions.order_by("pk")
        ],
        "contest_entries": [
            {"practice": entry.practice.title, "created_at": entry.created_at}
            for entry in entries.order_by("pk")
        ],
        "jury_of": list(
            Contest.objects.filter(jury=user).order_by("year").values_list("title", "year")
        ),
        "scores": [
            {
                "practice": score.entry.practice.title,
                "points": score.points,
                "comment": score.comment,
            }
            for score in scores.order_by("pk")
        ],
    }


def erase(user):
    # The municipality's adoption and the contest entry stay; who clicked is forgotten.
    Adoption.objects.filter(recorded_by=user).update(recorded_by=None)
    Entry.objects.filter(nominated_by=user).update(nominated_by=None)


PERSONAL_DATA = PersonalData(
    key="practices_activity",
    models=(
        "practices.Adoption",
        "practices.Contest",
        "practices.Entry",
        "practices.Score",
    ),
    export=export,
    erase=erase,
    kept_because="оценки и состав жюри остаются в протоколе конкурса",
)

"""«Лучшая муниципальная практика»: the contest page, nominations, jury scoring, results."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.accounts import roles
from portal.accounts.decorators import role_required, verified_required
from practices.models import Contest, Entry, Nomination, Practice, Score
from practices.models.contest import MAX_POINTS


class NominateForm(forms.Form):
    nomination = forms.ModelChoiceField(
        label="Номинация", queryset=Nomination.objects.none(), empty_label=None
    )
    practice = forms.ModelChoiceField(
        label="Практика",
        queryset=Practice.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Выдвинуть можно только свою опубликованную практику."},
    )

    def __init__(self, *args, contest, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = contest.nominations.all()
        self.fields["practice"].queryset = Practice.objects.published().filter(author=user)


class ScoreForm(forms.Form):
    points = forms.IntegerField(
        label="Баллы (0–10)",
        min_value=0,
        max_value=MAX_POINTS,
        error_messages={
            "required": "Поставьте балл.",
            "min_value": "Не меньше 0.",
            "max_value": f"Не больше {MAX_POINTS}.",
            "invalid": "Введите число.",
        },
    )
    comment = forms.CharField(
        label="Комментарий",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def contest_page(request, year):
    """Public: nominations and, once published, the awards; verified authors nominate."""
    contest = get_object_or_404(Contest, year=year)
    open_for_entries = contest.entries_until >= timezone.localdate()
    form = None
    if request.user.is_authenticated and request.user.can_publish and open_for_entries:
        form = NominateForm(request.POST or None, contest=contest, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    Entry.objects.create(nominated_by=request.user, **form.cleaned_data)
                messages.success(request, "Практика выдвинута на конкурс.")
            except IntegrityError:
                messages.info(request, "Эта практика уже выдвинута в этой номинации.")
            return redirect("practices:contest", year=year)
    entries = Entry.objects.filter(nomination__contest=contest).select_related(
        "nomination", "practice__municipality__region"
    )
    if contest.results_published:
        entries = entries.filter(place__isnull=False)
    context = {
        "contest": contest,
        "entries": entries.order_by("nomination", "place", "pk")[:500],
        "form": form,
        "open_for_entries": open_for_entries,
        "is_juror": contest.is_juror(request.user),
    }
    return render(request, "practices/contest.html", context)


@verified_required
def jury_page(request, year):
    """Jury members of this contest only: the entries and their own scores."""
    contest = get_object_or_404(Contest, year=year)
    if not contest.is_juror(request.user):
        raise PermissionDenied("Оценивать могут только члены жюри этого конкурса.")
    entries = list(
        Entry.objects.filter(nomination__contest=contest)
        .select_related("nomination", "practice__municipality")
        .order_by("nomination", "pk")
    )
    mine = {
        score.entry_id: score
        for score in Score.objects.filter(juror=request.user, entry__in=entries)
    }
    for entry in entries:
        entry.my_score = mine.get(entry.pk)
    return render(request, "practices/jury.html", {"contest": contest, "entries": entries})


@verified_required
@require_POST
def score_entry(request, year, entry_id):
    """Jury members of this contest: score an entry (a new score replaces their old one)."""
    contest = get_object_or_404(Contest, year=year)
    if not contest.is_juror(request.user) or contest.results_published:
        raise PermissionDenied("Оценивать могут только члены жюри до публикации итогов.")
    entry = get_object_or_404(Entry, pk=entry_id, nomination__contest=contest)
    form = ScoreForm(request.POST)
    if form.is_valid():
        Score.objects.update_or_create(entry=entry, juror=request.user, defaults=form.cleaned_data)
        messages.success(request, "Оценка сохранена.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("practices:jury", year=year)


@role_required(roles.MODERATOR)
@require_POST
def publish_results(request, year):
    """Moderators: publish the results; places come from the jury's average scores."""
    contest = get_object_or_404(Contest, year=year)
    if contest.publish_results():
        messages.success(request, "Итоги опубликованы.")
    else:
        messages.info(request, "Итоги уже были опубликованы.")
    return redirect("practices:contest", year=year)

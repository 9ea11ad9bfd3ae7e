"""Alerts: saving the current filter as a subscription, managing it, unsubscribing by link."""

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from navigator.filters import MeasureFilter
from navigator.models import MeasureAlert
from portal.accounts.decorators import confirmed_email_required
from portal.notifications.views import unsubscribe_page
from portal.submissions import SubmitOnceForm, submit_once, submitted_before

MAX_ALERTS_PER_USER = 50


class AlertForm(SubmitOnceForm, forms.ModelForm):
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    class Meta:
        model = MeasureAlert
        fields = ["title", "frequency", "query"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {"title": "Название подписки", "frequency": "Присылать письмо"}
        help_texts = {"title": "Например, «Гранты на благоустройство для нашего округа»."}
        error_messages = {
            "title": {"required": "Назовите подписку, чтобы узнать её в письмах."},
            "frequency": {"required": "Выберите, как часто присылать письма."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance.user = user

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Назовите подписку, чтобы узнать её в письмах.")
        return title

    def clean_query(self):
        query = MeasureFilter.canonical_query(QueryDict(self.cleaned_data.get("query", "")))
        filterset = MeasureFilter.for_query(QueryDict(query))
        if not filterset.is_valid():
            raise forms.ValidationError("Параметры фильтра неверны: вернитесь к списку мер.")
        if MeasureAlert.objects.for_user(self.user).filter(query=query).exists():
            raise forms.ValidationError("Подписка с таким фильтром у вас уже есть.")
        return query

    def clean(self):
        cleaned = super().clean()
        if MeasureAlert.objects.for_user(self.user).count() >= MAX_ALERTS_PER_USER:
            raise forms.ValidationError(
                f"Можно сохранить не больше {MAX_ALERTS_PER_USER} подписок: удалите ненужные."
            )
        return cleaned


def _describe(filterset):
    """A default title for an alert: the search text or a generic name."""
    text = filterset.text
    return f"Меры поддержки: «{text}»" if text else "Меры поддержки по моему фильтру"


@confirmed_email_required
@require_http_methods(["GET", "POST"])
def alert_create(request):
    """Signed-in users: save the filter from the list page as an e-mail subscription."""
    if request.method == "POST":
        form = AlertForm(request.POST, user=request.user)
        earlier = submitted_before(request, form)
        if earlier:
            messages.info(request, "Эта подписка уже сохранена.")
            return redirect(earlier)
        if form.is_valid():
            try:
                outcome = submit_once(request, form, form.save, url=reverse("navigator:alerts"))
            except IntegrityError:
                # A double submit raced the first one past validation: that alert exists.
                messages.info(request, "Подписка с таким фильтром у вас уже есть.")
                return redirect("navigator:alerts")
            if outcome.repeated:
                messages.info(request, "Эта подписка уже сохранена.")
            else:
                messages.success(request, f"Подписка «{outcome.created.title}» сохранена.")
            return redirect(outcome.url)
        query = request.POST.get("query", "")
    else:
        query = MeasureFilter.canonical_query(request.GET)
        filterset = MeasureFilter.for_query(QueryDict(query))
        form = AlertForm(initial={"title": _describe(filterset), "query": query}, user=request.user)
    filterset = MeasureFilter.for_query(QueryDict(query))
    return render(
        request,
        "navigator/alert_form.html",
        {"form": form, "filter": filterset, "list_url": _list_url(query)},
    )


def _list_url(query):
    base = reverse("navigator:index")
    return f"{base}?{query}" if query else base


@confirmed_email_required
def alert_list(request):
    """Signed-in users: their own subscriptions to support measures."""
    alerts = MeasureAlert.objects.for_user(request.user)
    return render(request, "navigator/alert_list.html", {"alerts": alerts})


@confirmed_email_required
@require_POST
def alert_delete(request, pk):
    """Signed-in users: delete one of their own subscriptions; others' give 404."""
    alert = get_object_or_404(MeasureAlert, pk=pk, user=request.user)
    alert.delete()
    messages.success(request, f"Подписка «{alert.title}» удалена.")
    return redirect("navigator:alerts")


@csrf_exempt  # The signed token is the credential; mail clients post here without a session.
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    """Anyone holding the signed link from a digest: stop that subscription in one click (the
    address of the navigator's digests, including those mailed before alerts moved to portal)."""
    return unsubscribe_page(request, MeasureAlert.from_unsubscribe_token(token))

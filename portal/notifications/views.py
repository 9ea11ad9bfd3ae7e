from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.decorators import (
    VERIFICATION_MESSAGE,
    VerificationRequired,
    confirmed_email_required,
)
from portal.notifications.forms import AlertForm, EmailSettingsForm
from portal.notifications.models import Alert, EmailPreference, Notification
from portal.registry import alert_sources

PAGE_SIZE = 30


@login_required
def notification_list(request):
    """Signed-in users: their own notifications, newest first."""
    notifications = Notification.objects.for_user(request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def mark_read(request, pk):
    """Signed-in users: mark one of their own notifications as read (others' give 404)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    return _back_to_list(request)


@login_required
@require_POST
def mark_all_read(request):
    """Signed-in users: mark all their notifications as read."""
    Notification.objects.for_user(request.user).mark_read()
    return _back_to_list(request)


@login_required
def email_settings(request):
    """Signed-in users: choose which kinds of notification also come by e-mail."""
    initial = EmailPreference.objects.choices_for(request.user)
    form = EmailSettingsForm(request.POST or None, initial_choices=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            EmailPreference.objects.save_choices(request.user, form.choices())
        messages.success(request, "Настройки уведомлений сохранены.")
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


def _back_to_list(request):
    # The small script on the list page asks for JSON to update the badge without reloading.
    if request.headers.get("Accept") == "application/json":
        unread = Notification.objects.for_user(request.user).unread().count()
        return JsonResponse({"unread": unread})
    next_url = request.POST.get("next", "")
    # Only a path on this site: anything else (another host, or a word that redirect() would
    # try to reverse as a URL name) goes back to the list.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        return redirect("notifications:list")
    return redirect(next_url)


def _subscribable_source(user, service):
    """The service whose list the user may follow; 404 for an unknown one, 403 when only
    verified employees may subscribe to it."""
    source = alert_sources.get(service)
    if source is None or source.filterset is None:
        raise Http404("Нет такого раздела.")
    if source.verified_only and not user.can_publish:
        raise VerificationRequired(VERIFICATION_MESSAGE)
    return source


@confirmed_email_required
@require_http_methods(["GET", "POST"])
def alert_create(request, service):
    """Signed-in users (verified employees for some services): follow the list's current
    filter. A resubmit keeps the one alert; errors keep what was typed."""
    source = _subscribable_source(request.user, service)
    if request.method == "POST":
        form = AlertForm(request.POST, source=source, user=request.user)
        if form.is_valid():
            alert, created = form.subscribe()
            if created:
                messages.success(request, f"Подписка «{alert.title}» сохранена.")
            else:
                messages.info(request, f"Вы уже подписаны на эту подборку: «{alert.title}».")
            return redirect(alert.get_list_url())
    else:
        initial = {"title": f"{source.title}: моя подборка", "query": request.GET.urlencode()}
        form = AlertForm(initial=initial, source=source, user=request.user)
    query = form["query"].value() or ""
    list_url = reverse(source.list_url_name) + (f"?{query}" if query else "")
    context = {"form": form, "source": source, "list_url": list_url}
    return render(request, "notifications/alert_form.html", context)


@confirmed_email_required
def alert_list(request):
    """Signed-in users: their own alerts of every service, each with «Отписаться»."""
    alerts = [
        alert
        for alert in Alert.objects.for_user(request.user).order_by("service", "-created_at")
        if alert.service in alert_sources
    ]
    context = {"alerts": alerts, "sources": list(alert_sources.values())}
    return render(request, "notifications/alerts.html", context)


@confirmed_email_required
@require_POST
def alert_delete(request, pk):
    """Signed-in users: delete one of their own alerts; somebody else's gives 404."""
    alert = get_object_or_404(Alert.objects.for_user(request.user), pk=pk)
    alert.delete()
    messages.success(request, f"Вы отписались от подборки «{alert.title}».")
    return redirect("notifications:alerts")


@csrf_exempt  # The signed token is the credential; mail clients post here without a session.
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, service, token):
    """Anyone holding the signed link from a digest: stop that alert. A GET only asks, so a
    mail scanner following links unsubscribes nobody."""
    alert = Alert.from_unsubscribe_token(service, token)
    return unsubscribe_page(request, alert)


def unsubscribe_page(request, alert):
    """The answer of an unsubscribe link: a question, the done page, or 404 for a bad token."""
    if alert is None:
        return render(
            request, "notifications/alert_unsubscribe.html", {"invalid": True}, status=404
        )
    context = {"alert": alert, "source": alert_sources.get(alert.service)}
    if request.method == "POST":
        alert.unsubscribe()
        context["done"] = True
    return render(request, "notifications/alert_unsubscribe.html", context)

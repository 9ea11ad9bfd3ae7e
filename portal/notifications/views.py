from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.notifications.forms import EmailSettingsForm
from portal.notifications.models import EmailPreference, Notification

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

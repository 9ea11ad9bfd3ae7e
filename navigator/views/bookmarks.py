"""Bookmarked measures and the application tracking on them; each user sees only their own."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from navigator.forms import BookmarkForm
from navigator.models import Bookmark, CalendarFeed, SupportMeasure
from navigator.models.choices import CLOSING_SOON_DAYS
from portal.accounts.decorators import confirmed_email_required


def _own_bookmark(request, pk):
    """The user's bookmark; someone else's is reported as missing, not as forbidden."""
    return get_object_or_404(Bookmark.objects.with_measure(), pk=pk, user=request.user)


def bookmark_prefix(bookmark):
    return f"bookmark-{bookmark.pk}"


def bookmarks_context(user, limit=None):
    bookmarks = Bookmark.objects.for_user(user).with_measure().order_by("measure__closes_on", "pk")
    return {
        "bookmarks": list(bookmarks[:limit] if limit else bookmarks),
        "upcoming": list(bookmarks.closing_soon()[: limit or None]),
        "upcoming_days": CLOSING_SOON_DAYS,
    }


@confirmed_email_required
@require_GET
def bookmark_list(request):
    """Signed-in users: «Мои меры поддержки» — their bookmarks with application status."""
    context = bookmarks_context(request.user)
    for bookmark in context["bookmarks"]:
        bookmark.form = BookmarkForm(instance=bookmark, prefix=bookmark_prefix(bookmark))
    context["calendar_feed"] = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "navigator/bookmarks.html", context)


@confirmed_email_required
@require_POST
def bookmark_add(request, slug):
    """Signed-in users: bookmark a published measure (a repeated click changes nothing)."""
    measure = get_object_or_404(SupportMeasure.objects.published(), slug=slug)
    Bookmark.add(request.user, measure)
    messages.success(request, "Мера добавлена в «Мои меры поддержки».")
    return redirect(measure)


@confirmed_email_required
@require_http_methods(["GET", "POST"])
def bookmark_edit(request, pk):
    """Signed-in users: the status, dates and note of their own application."""
    bookmark = _own_bookmark(request, pk)
    # The list page shows one form per bookmark, each with its own prefix.
    prefix = bookmark_prefix(bookmark) if request.POST.get("prefixed") else None
    form = BookmarkForm(request.POST or None, instance=bookmark, prefix=prefix)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Сведения о заявке сохранены.")
        # An unpublished measure's page is a 404: back to the list then.
        if request.POST.get("return_to") == "measure" and bookmark.measure.live:
            return redirect(bookmark.measure)
        return redirect("navigator:bookmarks")
    return render(request, "navigator/bookmark_form.html", {"bookmark": bookmark, "form": form})


@confirmed_email_required
@require_POST
def bookmark_delete(request, pk):
    """Signed-in users: remove their own bookmark."""
    bookmark = _own_bookmark(request, pk)
    bookmark.delete()
    messages.success(request, f"Мера «{bookmark.measure.title}» убрана из ваших мер.")
    return redirect("navigator:bookmarks")

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from legal_vector.forms import BookmarkForm, FolderForm, PinForm
from legal_vector.models import Bookmark, BookmarkFolder, Subscription
from portal.accounts.decorators import confirmed_email_required
from portal.submissions import submit_once, submitted_before

PAGE_SIZE = 50
# Fields of the bookmark form the user types or picks; the rest come from the page.
FOLDER_FIELDS = {"folder", "new_folder"}


def _back_to(document, key=""):
    """Back to the document; for a unit, to its panel, which now says it is pinned."""
    url = document.get_absolute_url()
    return redirect(f"{url}?{urlencode({'unit': key})}#selected-unit" if key else url)


def _form_errors(request, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@require_POST
@confirmed_email_required
def bookmark_add(request):
    """Signed-in users, a private tool: bookmark a document or one of its units, optionally
    in a folder."""
    form = BookmarkForm(request.POST, user=request.user)
    if not form.is_valid():
        return _bookmark_refused(request, form)
    data = form.cleaned_data
    _, created = Bookmark.objects.place(
        request.user,
        data["document"],
        data["stable_key"],
        data["label"],
        folder=data["folder"],
        new_folder=data["new_folder"],
    )
    messages.success(request, "Закладка добавлена." if created else "Закладка уже была.")
    return _back_to(data["document"], data["stable_key"])


def _bookmark_refused(request, form):
    """A folder mistake is shown with the form, the typed folder name kept; a document or
    unit that does not exist goes back with a message, as there is nothing to correct."""
    if set(form.errors) <= FOLDER_FIELDS:
        context = {"form": form, "document": form.cleaned_data["document"]}
        return render(request, "legal_vector/bookmark_add.html", context, status=400)
    _form_errors(request, form)
    document = form.cleaned_data.get("document")
    return _back_to(document) if document else redirect("legal_vector:index")


@require_POST
@confirmed_email_required
def bookmark_delete(request, pk):
    """Signed-in users, a private tool: remove one of their own bookmarks."""
    bookmark = get_object_or_404(Bookmark, pk=pk, user=request.user)
    bookmark.delete()
    messages.success(request, "Закладка удалена.")
    return redirect("legal_vector:bookmarks")


@require_GET
@confirmed_email_required
def bookmark_list(request):
    """Signed-in users, a private tool: their own bookmarks, by folder."""
    return _render_bookmarks(request, FolderForm(user=request.user))


def _render_bookmarks(request, folder_form, status=200):
    folders = list(BookmarkFolder.objects.filter(user=request.user))
    bookmarks = Bookmark.objects.for_user(request.user).select_related("folder")
    folder = None
    if request.GET.get("folder"):
        folder = next((f for f in folders if str(f.pk) == request.GET["folder"]), None)
        bookmarks = bookmarks.filter(folder=folder)
    page = Paginator(bookmarks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"folders": folders, "folder": folder, "page": page, "folder_form": folder_form}
    return render(request, "legal_vector/bookmarks.html", context, status=status)


@require_POST
@confirmed_email_required
def folder_add(request):
    """Signed-in users, a private tool: create a bookmark folder of their own; a refused name
    is shown again with the reason."""
    form = FolderForm(request.POST, user=request.user)
    earlier = submitted_before(request, form)
    if earlier:
        messages.info(request, "Эта папка уже создана.")
        return redirect(earlier)
    if not form.is_valid():
        return _render_bookmarks(request, form, status=400)
    name = form.cleaned_data["name"]
    submit_once(
        request,
        form,
        lambda: BookmarkFolder.objects.get_or_create(user=request.user, name=name)[0],
        url=lambda folder: f"{reverse('legal_vector:bookmarks')}?folder={folder.pk}",
    )
    messages.success(request, "Папка создана.")
    return redirect("legal_vector:bookmarks")


@require_POST
@confirmed_email_required
def folder_delete(request, pk):
    """Signed-in users, a private tool: delete their own folder; its bookmarks stay, without
    a folder."""
    folder = get_object_or_404(BookmarkFolder, pk=pk, user=request.user)
    folder.delete()
    messages.success(request, "Папка удалена, закладки из неё остались без папки.")
    return redirect("legal_vector:bookmarks")


@require_POST
@confirmed_email_required
def subscription_add(request):
    """Signed-in users, a private tool: watch a document or unit for new editions."""
    form = PinForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        document = form.cleaned_data.get("document")
        return _back_to(document) if document else redirect("legal_vector:index")
    data = form.cleaned_data
    _, created = Subscription.objects.pin(
        request.user, data["document"], data["stable_key"], data["label"]
    )
    messages.success(
        request,
        "Подписка оформлена: мы сообщим о новой редакции."
        if created
        else "Вы уже подписаны на изменения.",
    )
    return _back_to(data["document"], data["stable_key"])


@require_POST
@confirmed_email_required
def subscription_delete(request, pk):
    """Signed-in users, a private tool: stop watching; only their own subscriptions."""
    subscription = get_object_or_404(Subscription, pk=pk, user=request.user)
    subscription.delete()
    messages.success(request, "Подписка отменена.")
    return redirect("legal_vector:subscriptions")


@require_GET
@confirmed_email_required
def subscription_list(request):
    """Signed-in users, a private tool: their own subscriptions."""
    subscriptions = Subscription.objects.for_user(request.user)
    page = Paginator(subscriptions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "legal_vector/subscriptions.html", {"page": page})

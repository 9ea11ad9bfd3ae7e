"""The user's own community pages: questions, bookmarks, follows, digest settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from portal.community import limits
from portal.community.access import ensure_may_write
from portal.community.forms import DigestChoicesForm, MessageForm
from portal.community.models import Bookmark, DigestChoice, DigestDelivery, Follow, QuestionThread
from portal.community.notifying import DIGEST_KINDS, tell
from portal.community.views.items import thread_url
from portal.submissions import submit_once

PER_PAGE = 30


@login_required
def thread_list(request):
    """Signed-in users: the private question threads they take part in."""
    threads = QuestionThread.objects.of_user(request.user).select_related("asker", "recipient")
    page = Paginator(threads, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/threads.html", {"page_obj": page})


@login_required
def thread(request, thread_id):
    """Its two participants only: the messages and a reply form."""
    question = get_object_or_404(
        QuestionThread.objects.select_related("asker", "recipient"), pk=thread_id
    )
    if not question.has_participant(request.user):
        raise Http404("Вопрос не найден.")
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        ensure_may_write(request.user)
        if form.is_valid():
            if limits.over_limit(request, "message"):
                return limits.too_many(request)

            def create():
                message = question.messages.create(
                    sender=request.user, text=form.cleaned_data["text"]
                )
                QuestionThread.objects.filter(pk=question.pk).update(
                    last_message_at=message.created_at
                )
                tell(
                    question.other_participant(request.user),
                    "community.question",
                    f"Новое сообщение по вопросу «{question.subject[:80]}».",
                    thread_url(question),
                )
                return message

            outcome = submit_once(request, form, create)
            return redirect(outcome.url)
    context = {
        "thread": question,
        "thread_messages": question.messages.select_related("sender"),
        "form": form,
        "other": question.other_participant(request.user),
    }
    return render(request, "community/thread.html", context)


def marked_items(mark_model, user, limit=200):
    """The user's newest marks with their items, one query per kind of item."""
    marks = list(
        mark_model.objects.filter(user=user)
        .select_related("content_type")
        .order_by("-created_at")[:limit]
    )
    by_type = {}
    for mark in marks:
        by_type.setdefault(mark.content_type, []).append(mark.object_id)
    items = {}
    for content_type, ids in by_type.items():
        for item in content_type.get_all_objects_for_this_type(pk__in=ids):
            items[(content_type.pk, item.pk)] = item
    return [
        (mark, items[(mark.content_type_id, mark.object_id)])
        for mark in marks
        if (mark.content_type_id, mark.object_id) in items
    ]


@login_required
def bookmarks(request):
    """Signed-in users: their own bookmarks («Избранное»), seen by nobody else."""
    return render(
        request,
        "community/marks.html",
        {"title": "Избранное", "marks": marked_items(Bookmark, request.user), "kind": "bookmark"},
    )


@login_required
def follows(request):
    """Signed-in users: their own follows («Подписки»)."""
    return render(
        request,
        "community/marks.html",
        {"title": "Подписки", "marks": marked_items(Follow, request.user), "kind": "follow"},
    )


@login_required
def digests(request):
    """Signed-in users: instant e-mail or a digest per kind, and their past digests."""
    chosen = DigestChoice.objects.choices_for(request.user, DIGEST_KINDS)
    form = DigestChoicesForm(request.POST or None, kinds=DIGEST_KINDS, initial_choices=chosen)
    if request.method == "POST" and form.is_valid():
        chosen = {kind: value for kind, value in form.cleaned_data.items() if value}
        DigestChoice.objects.save_choices(request.user, chosen)
        messages.success(request, "Настройки сохранены.")
        return redirect("community:digests")
    past = DigestDelivery.objects.filter(user=request.user)[:20]
    return render(request, "community/digests.html", {"form": form, "digests": past})

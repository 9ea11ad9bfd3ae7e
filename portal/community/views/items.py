"""Writing about an item: comments, «полезно», bookmarks, follows, reports, questions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.community import limits, moderation
from portal.community.access import ensure_may_write
from portal.community.forms import CommentEditForm, CommentForm, QuestionForm, ReportForm
from portal.community.models import Bookmark, Comment, Follow, Message, QuestionThread, Reaction
from portal.community.notifying import tell
from portal.community.registry import (
    BOOKMARKS,
    COMMENTS,
    FOLLOWS,
    QUESTIONS,
    REACTIONS,
    REPORTS,
    item_url,
    public_item,
)
from portal.submissions import submit_once


def _item_url(item):
    return item_url(item)


def _back(request, item):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(_item_url(item))


@login_required
@require_POST
def comment_create(request, key, pk):
    """Verified employees (not blocked): a comment or a reply on a public item."""
    target, item = public_item(key, pk, COMMENTS)
    ensure_may_write(request.user)
    form = CommentForm(request.POST, item=item)
    if not form.is_valid():
        return render(
            request, "community/comment_form.html", {"form": form, "item": item}, status=400
        )
    if limits.over_limit(request, "comment"):
        return limits.too_many(request)

    def create():
        parent = form.cleaned_data["parent"]
        comment = Comment.objects.create(
            author=request.user,
            parent=parent,
            text=form.cleaned_data["text"],
            **Comment.target_fields(item),
        )
        link = comment.get_absolute_url()
        tell(
            target.author_of(item),
            "community.comment",
            f"Новый комментарий к «{str(item)[:80]}».",
            link,
            actor=request.user,
        )
        if parent is not None:
            tell(
                parent.author,
                "community.reply",
                f"Ответ на ваш комментарий к «{str(item)[:80]}».",
                link,
                actor=request.user,
            )
        return comment

    outcome = submit_once(request, form, create)
    return redirect(outcome.url)


def _own_comment(request, comment_id):
    return get_object_or_404(Comment.objects.select_related("content_type"), pk=comment_id)


@login_required
def comment_edit(request, comment_id):
    """The comment's author, within 15 minutes of writing it."""
    comment = _own_comment(request, comment_id)
    if not comment.can_edit(request.user):
        messages.error(request, "Изменить комментарий можно только в течение 15 минут.")
        return redirect(comment.get_absolute_url())
    form = CommentEditForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        comment.edit(form.cleaned_data["text"])
        return redirect(comment.get_absolute_url())
    return render(request, "community/comment_edit.html", {"form": form, "comment": comment})


@login_required
@require_POST
def comment_delete(request, comment_id):
    """The comment's author: the text goes, a placeholder keeps the replies in place."""
    comment = _own_comment(request, comment_id)
    if comment.can_delete(request.user):
        comment.delete_by_author()
        messages.success(request, "Комментарий удалён.")
    return redirect(comment.get_absolute_url())


def _toggle(request, key, pk, feature, mark_model, done, undone):
    target, item = public_item(key, pk, feature)
    if feature == REACTIONS:
        ensure_may_write(request.user)
    on = request.POST.get("on") == "1"
    changed = mark_model.toggle(request.user, item, on)
    messages.success(request, done if on else undone)
    return target, item, on and changed


@login_required
@require_POST
def react(request, key, pk):
    """Verified employees: «полезно» on a public item, once; sending on=0 withdraws it."""
    target, item, added = _toggle(
        request, key, pk, REACTIONS, Reaction, "Отмечено как полезное.", "Отметка снята."
    )
    if added:
        tell(
            target.author_of(item),
            "community.reaction",
            f"Ваш материал «{str(item)[:80]}» отметили как полезный.",
            _item_url(item),
            actor=request.user,
        )
    return _back(request, item)


@login_required
@require_POST
def bookmark(request, key, pk):
    """Signed-in users: a private bookmark on a public item."""
    _, item, _ = _toggle(
        request, key, pk, BOOKMARKS, Bookmark, "Добавлено в избранное.", "Убрано из избранного."
    )
    return _back(request, item)


@login_required
@require_POST
def follow(request, key, pk):
    """Signed-in users: follow an item, an author, a sphere or a municipality."""
    _, item, _ = _toggle(request, key, pk, FOLLOWS, Follow, "Вы подписались.", "Подписка отменена.")
    return _back(request, item)


def _reportable(key, pk, user):
    target, item = public_item(key, pk, REPORTS)
    if isinstance(item, Message) and not item.thread.has_participant(user):
        raise Http404("Сообщение не найдено.")
    return target, item


@login_required
def report(request, key, pk):
    """Verified employees: report an item, a comment or a private message with a reason."""
    _, item = _reportable(key, pk, request.user)
    ensure_may_write(request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if limits.over_limit(request, "report"):
            return limits.too_many(request)
        data = form.cleaned_data
        submit_once(
            request,
            form,
            lambda: moderation.report(request.user, item, data["reason"], data["text"])[0],
            url=_item_url(item),
        )
        messages.success(request, "Спасибо, жалоба принята. Модератор её рассмотрит.")
        return redirect(_item_url(item))
    return render(request, "community/report.html", {"form": form, "item": item})


@login_required
def ask(request, key, pk):
    """Verified employees: a private question to the author of a public item."""
    target, item = public_item(key, pk, QUESTIONS)
    ensure_may_write(request.user)
    author = target.author_of(item)
    if author is None or author.pk == request.user.pk or not author.is_active:
        messages.error(request, "Задать вопрос автору этого материала нельзя.")
        return redirect(_item_url(item))
    form = QuestionForm(request.POST or None, initial={"subject": str(item)[:200]})
    if request.method == "POST" and form.is_valid():
        if limits.over_limit(request, "question"):
            return limits.too_many(request)

        def create():
            thread = QuestionThread.objects.create(
                subject=form.cleaned_data["subject"],
                asker=request.user,
                recipient=author,
                **QuestionThread.target_fields(item),
            )
            thread.messages.create(sender=request.user, text=form.cleaned_data["text"])
            tell(
                author,
                "community.question",
                f"Вам задали вопрос: «{thread.subject[:80]}».",
                thread_url(thread),
            )
            return thread

        outcome = submit_once(request, form, create, url=thread_url)
        return redirect(outcome.url)
    return render(request, "community/ask.html", {"form": form, "item": item, "author": author})


def thread_url(thread):
    return reverse("community:thread", args=[thread.pk])

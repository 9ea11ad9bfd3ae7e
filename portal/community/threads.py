"""What an item's page shows of the community: the panel of marks and a page of comments.

The comment list is rendered once per item, page and kind of reader (guest, signed in, allowed
to write) and stored under the item's thread version (`models.base.thread_version_name`),
which a new, edited, deleted or hidden comment, a «полезно» and a moderator hiding the item
replace. The copy holds nobody's private state: the reader's own comments get «Изменить» and
«Удалить», and the forms get the reader's CSRF token, when it is served.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Value
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal import caching
from portal.community.models import Bookmark, Comment, Follow, Reaction
from portal.community.models.base import thread_version_name
from portal.community.registry import COMMENTS, target_for

COMMENTS_PER_PAGE = 30
# Authors' names in a stored list catch up with a renamed or deleted account within this time.
THREAD_CACHE_SECONDS = 600
# Stands for the reader's CSRF token in a stored list (a token is personal).
CSRF_SLOT = "community-csrf-slot"
ACTIONS = 'data-comment-actions="{}">'


def comment_page(item, page_number, user=None):
    """A page of top-level comments with their replies and authors: three queries in all."""
    top_level = (
        Comment.objects.for_item(item)
        .top_level()
        .select_related("author")
        .order_by("created_at", "pk")
    )
    page = Paginator(top_level, COMMENTS_PER_PAGE).get_page(page_number)
    comments = list(page.object_list)
    replies = {}
    for reply in Comment.objects.thread_page(item, [comment.pk for comment in comments]):
        replies.setdefault(reply.parent_id, []).append(reply)
    for comment in comments:
        comment.reply_list = replies.get(comment.pk, [])
    if user is not None:
        now = timezone.now()
        for comment in [*comments, *(r for rs in replies.values() for r in rs)]:
            comment.editable = comment.can_edit(user, now)
    return page, comments


def _reader(user):
    """Which stored copy of a thread the user reads: what they may do decides the markup."""
    if not user.is_authenticated:
        return "guest"
    return "writer" if user.can_publish else "reader"


def _render_thread(item, target, page_number, reader):
    """The shared part of the block: «полезно» count, comment count and list, pagination."""
    shared = {"useful_count": Reaction.objects.counts(type(item), [item.pk]).get(item.pk, 0)}
    if not target.has(COMMENTS):
        return shared
    page, comments = comment_page(item, page_number)
    shown = [c for comment in comments for c in (comment, *comment.reply_list)]
    context = {
        "item": item,
        "target": target,
        "comments": comments,
        "comments_page": page,
        "signed_in": reader != "guest",
        "may_write": reader == "writer",
        "csrf_token": CSRF_SLOT,
    }
    own = {}
    for comment in shown:
        if comment.author_id and not comment.is_deleted and not comment.is_hidden:
            own.setdefault(comment.author_id, []).append((comment.pk, comment.created_at))
    return {
        **shared,
        "comment_count": page.paginator.count,
        "page_number": page.number,
        "comments_html": render_to_string("community/includes/comments.html", context),
        "own": own,
    }


def shared_thread(item, target, page_number, reader):
    """The block's shared part from the cache when possible. Only real pages are stored: a
    made-up page number (shown as the last page) is rendered but never kept."""
    given = str(page_number or 1)
    number = int(given) if given.isdigit() else None
    content_type = ContentType.objects.get_for_model(item, for_concrete_model=False)
    name = thread_version_name(content_type.pk, item.pk)
    key = caching.versioned_key(name, number, reader) if number else None
    shared = cache.get(key) if key else None
    if shared is None:
        shared = _render_thread(item, target, given, reader)
        if key and shared.get("page_number", 1) == number:
            cache.set(key, shared, THREAD_CACHE_SECONDS)
    return shared


def _own_actions(html, shared, request):
    """The reader's own shown comments get «Изменить» (within the edit window) and «Удалить»."""
    user = request.user
    now = timezone.now()
    for pk, created_at in shared["own"].get(user.pk, ()):
        comment = Comment(pk=pk, author_id=user.pk, created_at=created_at)
        actions = render_to_string(
            "community/includes/own_comment_actions.html",
            {"comment": comment, "editable": comment.can_edit(user, now)},
            request,
        )
        opening = ACTIONS.format(pk)
        start = html.index(opening) + len(opening)
        html = html[:start] + actions + html[html.index("</div>", start) :]
    return html


def personal_comments(shared, request):
    """The stored comment list as this reader sees it."""
    html = shared["comments_html"]
    if not request.user.is_authenticated:
        return mark_safe(html)
    html = _own_actions(html, shared, request)
    if CSRF_SLOT in html:
        html = html.replace(CSRF_SLOT, get_token(request))
    return mark_safe(html)


def own_marks(item, user):
    """Whether the user marked the item «полезно», bookmarked or followed it: one query."""
    if not user.is_authenticated:
        return {}
    marks = [
        model.objects.for_item(item).filter(user=user).values_list(Value(name))
        for name, model in (("reacted", Reaction), ("bookmarked", Bookmark), ("followed", Follow))
    ]
    found = {name for (name,) in marks[0].union(*marks[1:], all=True)}
    return {name: name in found for name in ("reacted", "bookmarked", "followed")}


def community_context(request, item):
    """Everything `community/includes/block.html` needs for one item's page."""
    target = target_for(item)
    shared = shared_thread(item, target, request.GET.get("comments_page"), _reader(request.user))
    context = {
        "item": item,
        "target": target,
        "useful_count": shared["useful_count"],
        **own_marks(item, request.user),
    }
    if "comments_html" in shared:
        context.update(
            comments_html=personal_comments(shared, request),
            comment_count=shared["comment_count"],
        )
    return context

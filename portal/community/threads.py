"""What an item's page shows of the community: the panel of marks and a page of comments."""

from django.core.paginator import Paginator
from django.utils import timezone

from portal.community.models import Bookmark, Comment, Follow, Reaction
from portal.community.registry import COMMENTS, target_for

COMMENTS_PER_PAGE = 30


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


def panel_context(item, user):
    """Counts and the user's own marks for one item."""
    target = target_for(item)
    model, ids = type(item), [item.pk]
    own = {}
    if user.is_authenticated:
        own = {
            "reacted": item.pk in Reaction.objects.marked_by(user, model, ids),
            "bookmarked": item.pk in Bookmark.objects.marked_by(user, model, ids),
            "followed": item.pk in Follow.objects.marked_by(user, model, ids),
        }
    return {
        "item": item,
        "target": target,
        "useful_count": Reaction.objects.counts(model, ids).get(item.pk, 0),
        **own,
    }


def community_context(request, item):
    """Everything `community/includes/block.html` needs for one item's page."""
    context = panel_context(item, request.user)
    if target_for(item).has(COMMENTS):
        page, comments = comment_page(item, request.GET.get("comments_page"), request.user)
        context.update(comments_page=page, comments=comments)
    return context

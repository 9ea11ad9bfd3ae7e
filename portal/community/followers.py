"""Telling followers: of an item when it changes, of its topics when a new one appears."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from portal.community.models import Follow
from portal.community.notifying import tell
from portal.community.registry import item_url, target_for
from portal.outbox import enqueue_on_commit


def _refs(items):
    refs = []
    for item in items:
        content_type = ContentType.objects.get_for_model(item, for_concrete_model=False)
        refs.append((content_type.pk, item.pk))
    return refs


def announce_new(item, text):
    """A new item was published: tell who follows its author, spheres or municipality."""
    _queue(target_for(item).topics_of(item), text, item)


def announce_update(item, text):
    """A published item changed: tell who follows the item itself."""
    _queue([item], text, item)


def _queue(subjects, text, item):
    from portal.community.tasks import announce_to_followers

    refs = _refs(subjects)
    if not refs:
        return
    link = item_url(item)
    author = target_for(item).author_of(item)
    actor_id = author.pk if author else None
    enqueue_on_commit(announce_to_followers, refs, "community.followed", text, link, actor_id)


def tell_followers(refs, kind, text, link, actor_id=None):
    query = Q(pk__in=[])
    for content_type_id, object_id in refs:
        query |= Q(content_type_id=content_type_id, object_id=object_id)
    users = (
        Follow.objects.filter(query)
        .exclude(user_id=actor_id)
        .select_related("user")
        .distinct("user_id")
        .order_by("user_id")
    )
    told = 0
    for follow in users.iterator(chunk_size=500):
        told += tell(follow.user, kind, text, link) is not None
    return told

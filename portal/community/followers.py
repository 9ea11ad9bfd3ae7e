"""Announcing to followers: of an item when it changes, of its topics when a new one appears.

The announcement is queued; `portal.community.audience` finds and tells the followers in the task.
"""

from django.contrib.contenttypes.models import ContentType

from portal.community.registry import item_url, target_for
from portal.community.tasks import announce_to_followers
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
    refs = _refs(subjects)
    if not refs:
        return
    link = item_url(item)
    author = target_for(item).author_of(item)
    actor_id = author.pk if author else None
    enqueue_on_commit(announce_to_followers, refs, "community.followed", text, link, actor_id)

"""«Полезно», private bookmarks and follows: one row per user and item, enforced by the database.

The unique constraints make a double click or two parallel requests count once: `toggle()` runs
get_or_create, which
falls back to reading the row when a parallel INSERT hit the constraint first.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone

from portal.community.models.base import Targeted, TargetQuerySet


class MarkQuerySet(TargetQuerySet):
    def counts(self, model, ids):
        """pk -> number of marks for the items `ids` of `model`, in one query."""
        rows = (
            self.for_items(model, ids)
            .values("object_id")
            .annotate(total=Count("pk"))
            .values_list("object_id", "total")
        )
        return dict(rows)

    def marked_by(self, user, model, ids):
        """The pks among `ids` that `user` marked (empty for a guest)."""
        if not user.is_authenticated:
            return set()
        return set(self.for_items(model, ids).filter(user=user).values_list("object_id", flat=True))


class Mark(Targeted):
    """A user's mark on an item; subclasses name what it means."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField("отмечено", default=timezone.now)

    objects = MarkQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def toggle(cls, user, item, on):
        """Put (on=True) or take away the user's mark; returns whether a row changed."""
        fields = cls.target_fields(item)
        if on:
            # get_or_create retries the read when a parallel INSERT wins the unique constraint.
            _, created = cls.objects.get_or_create(user=user, **fields)
            return created
        deleted, _ = cls.objects.filter(user=user, **fields).delete()
        return bool(deleted)

    @classmethod
    def exists_for(cls, user, item):
        return (
            user.is_authenticated
            and cls.objects.filter(user=user, **cls.target_fields(item)).exists()
        )


def _unique(name):
    return [
        models.UniqueConstraint(fields=["user", "content_type", "object_id"], name=name),
    ]


def _by_item(name):
    return [models.Index(fields=["content_type", "object_id"], name=name)]


class Reaction(Mark):
    """«Полезно»: one per user and item, withdrawable."""

    class Meta:
        verbose_name = "отметка «полезно»"
        verbose_name_plural = "отметки «полезно»"
        constraints = _unique("community_reaction_once")
        indexes = _by_item("community_reaction_item")


class Bookmark(Mark):
    """«Избранное»: private, seen by its owner only."""

    class Meta:
        verbose_name = "закладка"
        verbose_name_plural = "закладки"
        constraints = _unique("community_bookmark_once")
        indexes = _by_item("community_bookmark_item")


class Follow(Mark):
    """A subscription to an item, an author, a sphere or a municipality."""

    class Meta:
        verbose_name = "подписка"
        verbose_name_plural = "подписки"
        constraints = _unique("community_follow_once")
        indexes = _by_item("community_follow_item")

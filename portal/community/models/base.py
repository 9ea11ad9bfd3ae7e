"""A row about some item of an app that opted in (see portal.community.registry)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal import caching


def thread_version_name(content_type_id, object_id) -> str:
    """The cache version of what an item's page shows of the community: its comments, its
    «полезно» count, whether a moderator hid it. See `portal.community.threads`."""
    return f"community:thread:{content_type_id}:{object_id}"


def thread_version(model, pk) -> str:
    """The current thread version of the item `pk` of `model`, for keys of pages that show it."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return caching.version(thread_version_name(content_type.pk, pk))


def forget_thread(item) -> None:
    """Drop every cached copy of the item's comments and of pages that show them."""
    content_type = ContentType.objects.get_for_model(item, for_concrete_model=False)
    caching.bump(thread_version_name(content_type.pk, item.pk))


class TargetQuerySet(models.QuerySet):
    def for_item(self, item):
        return self.filter(
            content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
            object_id=item.pk,
        )

    def for_items(self, model, ids):
        return self.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id__in=list(ids),
        )


class Targeted(models.Model):
    """Points at any item: an app's model registered as a community target, a comment, a user."""

    content_type = models.ForeignKey(
        ContentType, verbose_name="тип объекта", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("номер объекта")
    target = GenericForeignKey("content_type", "object_id")

    objects = TargetQuerySet.as_manager()

    class Meta:
        abstract = True

    def forget_target_thread(self):
        """This row changed what its item's page shows (a comment, a mark)."""
        caching.bump(thread_version_name(self.content_type_id, self.object_id))

    @classmethod
    def target_fields(cls, item):
        return {
            "content_type": ContentType.objects.get_for_model(item, for_concrete_model=False),
            "object_id": item.pk,
        }

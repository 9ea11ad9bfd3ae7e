"""A row about some item of an app that opted in (see portal.community.registry)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


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

    @classmethod
    def target_fields(cls, item):
        return {
            "content_type": ContentType.objects.get_for_model(item, for_concrete_model=False),
            "object_id": item.pk,
        }

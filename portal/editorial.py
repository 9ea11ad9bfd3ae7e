"""The base of editorial snippets: content edited like Wagtail pages but without a page URL.

A subclass gets drafts and `live`, revisions, locking, scheduled publishing, previews and the
moderation workflow, plus a unique latin slug made from `slug_source()` (its `slug` field).
Support measures, organisations, programmes and practices use it; a new service's editorial snippets
(courses' reference data, dialog's templates) should too.
"""

from django.db import models
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from portal.text import latin_slug


class EditorialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class Editorial(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model
):
    """Snippets edited like pages: drafts, revisions, locking, scheduling and moderation."""

    # Addresses a slug may not take (pages of the app under the same prefix), and the slug of
    # a name with no latin transliteration.
    reserved_slugs = frozenset()
    fallback_slug = "item"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(latin_slug(self.slug_source()) or self.fallback_slug)
        super().save(*args, **kwargs)

    def slug_source(self):
        return self.name

    def unique_slug(self, base):
        slug, number = base, 2
        others = type(self).objects.exclude(pk=self.pk)
        while slug in self.reserved_slugs or others.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

"""Comments on any community target: two levels deep, plain text, short edit window."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.community.models.base import Targeted, TargetQuerySet
from portal.community.registry import item_url

EDIT_WINDOW = datetime.timedelta(minutes=15)
DELETED_TEXT = "Комментарий удалён автором."
HIDDEN_TEXT = "Комментарий скрыт модератором."


class CommentQuerySet(TargetQuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def shown(self):
        """What counts for the item: neither deleted nor hidden."""
        return self.filter(deleted_at__isnull=True, hidden_at__isnull=True)

    def thread_page(self, item, page_ids):
        """The replies to the top-level comments `page_ids`, with their authors, in one query."""
        return (
            self.for_item(item)
            .filter(parent_id__in=page_ids)
            .select_related("author")
            .order_by("created_at", "pk")
        )


class Comment(Targeted):
    parent = models.ForeignKey(
        "self",
        verbose_name="ответ на",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        on_delete=models.SET_NULL,
        related_name="community_comments",
    )
    text = models.TextField("текст", max_length=5000)
    created_at = models.DateTimeField("написан", default=timezone.now)
    edited_at = models.DateTimeField("изменён", null=True, blank=True)
    deleted_at = models.DateTimeField("удалён автором", null=True, blank=True)
    hidden_at = models.DateTimeField("скрыт", null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "комментарий"
        verbose_name_plural = "комментарии"
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "parent", "created_at"],
                name="community_comment_thread",
            ),
            models.Index(fields=["author", "-created_at"], name="community_comment_author"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def was_edited(self):
        return self.edited_at is not None

    @property
    def shown_text(self):
        """What a reader sees: the text, or the placeholder that keeps the thread readable."""
        if self.is_deleted:
            return DELETED_TEXT
        if self.is_hidden:
            return HIDDEN_TEXT
        return self.text

    def can_edit(self, user, now=None):
        """The author edits within EDIT_WINDOW of writing, while the comment is shown."""
        now = now or timezone.now()
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and not self.is_deleted
            and not self.is_hidden
            and now - self.created_at <= EDIT_WINDOW
        )

    def can_delete(self, user):
        return user.is_authenticated and self.author_id == user.pk and not self.is_deleted

    def can_reply(self):
        """Threads are two levels deep: replies go to top-level comments only."""
        return self.parent_id is None and not self.is_deleted and not self.is_hidden

    def edit(self, text):
        Comment.objects.filter(pk=self.pk).update(text=text, edited_at=timezone.now())
        self.forget_target_thread()

    def delete_by_author(self):
        """The text goes, the row stays: replies keep their place under a placeholder."""
        Comment.objects.filter(pk=self.pk).update(deleted_at=timezone.now(), text="")
        self.forget_target_thread()

    def set_hidden(self, hidden):
        Comment.objects.filter(pk=self.pk).update(hidden_at=timezone.now() if hidden else None)
        self.forget_target_thread()

    def get_absolute_url(self):
        return f"{item_url(self.target)}#comment-{self.pk}"

from django.conf import settings
from django.db import models


class BookmarkFolder(models.Model):
    """A user's named folder of bookmarks."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="legal_bookmark_folders"
    )
    name = models.CharField("название папки", max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "папка закладок"
        verbose_name_plural = "папки закладок"
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="legal_folder_unique_name")
        ]

    def __str__(self):
        return self.name


class PinQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user).select_related("document")


class Pin(models.Model):
    """Common shape of a bookmark and a subscription: a document, or one unit of it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        "legal_vector.Document", verbose_name="документ", on_delete=models.CASCADE, related_name="+"
    )
    stable_key = models.CharField("ключ единицы", max_length=200, blank=True)
    label = models.CharField("обозначение единицы", max_length=200, blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)

    objects = PinQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.label} {self.document}".strip()

    def get_absolute_url(self):
        url = self.document.get_absolute_url()
        return f"{url}#{self.stable_key}" if self.stable_key else url

    @property
    def target_title(self):
        if self.label:
            return f"{self.label} — {self.document.requisites()}"
        return self.document.title


class Bookmark(Pin):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="legal_bookmarks"
    )
    document = models.ForeignKey(
        "legal_vector.Document",
        verbose_name="документ",
        on_delete=models.CASCADE,
        related_name="bookmarks",
    )
    folder = models.ForeignKey(
        BookmarkFolder,
        verbose_name="папка",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookmarks",
    )

    class Meta(Pin.Meta):
        verbose_name = "закладка"
        verbose_name_plural = "закладки"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "document", "stable_key"], name="legal_bookmark_unique"
            )
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="legal_bookmark_user")]


class SubscriptionQuerySet(PinQuerySet):
    def watching(self, document):
        return self.filter(document=document).select_related("user")


class Subscription(Pin):
    """Monitoring: the user is told when a new edition of the document (or unit) appears."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="legal_subscriptions"
    )
    document = models.ForeignKey(
        "legal_vector.Document",
        verbose_name="документ",
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta(Pin.Meta):
        verbose_name = "подписка на изменения"
        verbose_name_plural = "подписки на изменения"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "document", "stable_key"], name="legal_subscription_unique"
            )
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="legal_subscription_user")]

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, models, transaction

from legal_vector.models.units import unit_url


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

    def pin(self, user, document, stable_key="", label="", **extra):
        """Create the pin unless it exists; a double submit finds the existing one.

        Returns `(pin, created)`.
        """
        lookup = {"user": user, "document": document, "stable_key": stable_key}
        try:
            with transaction.atomic():
                return self.get_or_create(**lookup, defaults={"label": label, **extra})
        except IntegrityError:
            # A concurrent request inserted the same pin between our read and our write.
            return self.get(**lookup), False


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
        return unit_url(self.document_id, self.stable_key)

    def covers_any(self, keys):
        """Whether any of `keys` is this unit or lies inside it."""
        prefix = f"{self.stable_key}/"
        return any(key == self.stable_key or key.startswith(prefix) for key in keys)

    @property
    def target_title(self):
        if self.label:
            return f"{self.label} — {self.document.requisites()}"
        return self.document.title


class BookmarkQuerySet(PinQuerySet):
    @transaction.atomic
    def place(self, user, document, stable_key="", label="", folder=None, new_folder=""):
        """Bookmark a document or unit, in `folder` or in a new folder named `new_folder`."""
        if new_folder:
            folder, _ = BookmarkFolder.objects.get_or_create(user=user, name=new_folder)
        bookmark, created = self.pin(user, document, stable_key, label, folder=folder)
        if not created and folder is not None and bookmark.folder_id != folder.pk:
            bookmark.folder = folder
            bookmark.save(update_fields=["folder"])
        return bookmark, created


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

    objects = BookmarkQuerySet.as_manager()

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


PINS_CACHE_SECONDS = 10 * 60


def _pins_key(user_id):
    return f"legal:pins:{user_id}"


def _load_pins(user):
    bookmarks = Bookmark.objects.filter(user=user).values_list("document_id", "stable_key")
    subscriptions = Subscription.objects.filter(user=user).values_list("document_id", "stable_key")
    return {
        "bookmarked": set(bookmarks),
        "watched": set(subscriptions),
        "folders": list(BookmarkFolder.objects.filter(user=user).values_list("pk", "name")),
    }


def user_pins(user, document):
    """(bookmarked keys, watched keys, folders as (pk, name)) of `user` in `document`.

    "" stands for the whole document. Read on every view of a document, so kept in the cache
    per user; any save or delete of the user's pins or folders forgets it (`forget_pins`).
    """
    if not user.is_authenticated:
        return set(), set(), []
    pins = cache.get_or_set(_pins_key(user.pk), lambda: _load_pins(user), PINS_CACHE_SECONDS)
    bookmarked = {key for doc, key in pins["bookmarked"] if doc == document.pk}
    watched = {key for doc, key in pins["watched"] if doc == document.pk}
    return bookmarked, watched, pins["folders"]


def forget_pins(sender, instance, **kwargs):
    """Signal receiver: a bookmark, subscription or folder of the user changed.

    Forgotten again after the commit: a page read between the save and the commit would
    otherwise cache the old pins.
    """
    key = _pins_key(instance.user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from portal.notifications.kinds import emails_by_default, kind_choices

# The unread count is in the header of every page. A count changed in another process (a Celery
# worker, another web worker with a per-process cache) shows within this time.
UNREAD_CACHE_SECONDS = 60


def _unread_key(user_id):
    return f"notifications:unread:{user_id}"


def forget_unread_count(user_ids):
    """Drop the cached counts now and again after the commit: a page read in between would
    cache the old count."""
    keys = [_unread_key(user_id) for user_id in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_user(self, user):
        return self.filter(user=user)

    def unread_count(self, user):
        return cache.get_or_set(
            _unread_key(user.pk),
            lambda: self.for_user(user).unread().count(),
            UNREAD_CACHE_SECONDS,
        )

    def mark_read(self):
        unread = self.unread()
        forget_unread_count(set(unread.order_by().values_list("user_id", flat=True)))
        return unread.update(read_at=timezone.now())


class EmailPreferenceQuerySet(models.QuerySet):
    def choices_for(self, user):
        """Kind -> whether `user` gets it by e-mail, for every registered kind (one query)."""
        chosen = dict(self.filter(user=user).values_list("kind", "by_email"))
        return {kind: chosen.get(kind, emails_by_default(kind)) for kind, _ in kind_choices()}

    def wants_email(self, user, kind):
        preference = self.filter(user=user, kind=kind).values_list("by_email", flat=True).first()
        return emails_by_default(kind) if preference is None else preference

    def save_choices(self, user, choices):
        """Store `choices` (kind -> bool); one row per kind, so re-submitting changes nothing."""
        for kind, by_email in choices.items():
            self.update_or_create(user=user, kind=kind, defaults={"by_email": by_email})


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("вид", max_length=64)
    text = models.TextField("текст")
    link = models.CharField("ссылка", max_length=500, blank=True)
    created_at = models.DateTimeField("создано", default=timezone.now)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)
    emailed_at = models.DateTimeField("отправлено по e-mail", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_created"),
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_user_unread",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_read(self):
        return self.read_at is not None

    def get_kind_display(self):
        return dict(kind_choices()).get(self.kind, self.kind)


class EmailPreference(models.Model):
    """A user's choice to receive notifications of one kind by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField("вид", max_length=64)
    by_email = models.BooleanField("присылать на e-mail", default=False)

    objects = EmailPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "настройка уведомлений"
        verbose_name_plural = "настройки уведомлений"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_email_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind}"


class DeliveryQuerySet(models.QuerySet):
    def on(self, channel):
        return self.filter(channel=channel)

    def subject_ids(self, channel):
        """The subjects already delivered on `channel`, as a subquery of their ids."""
        return self.on(channel).values("subject_id")


class Delivery(models.Model):
    """What has reached a user, so that nothing reaches them twice: the exactly-once log of
    every periodic message (alert digests, deadline reminders, new editions of a watched act).

    A delivery is a channel («navigator.alert:12», «legal.edition») and a subject on it (a
    measure, an edition); the unique constraint makes a claim succeed once, however many
    workers, retries or outbox re-sends run it. Claim inside the transaction that sends: a
    failed send rolls the claim back, so the retry delivers it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField("канал", max_length=100)
    subject_id = models.BigIntegerField("о чём")
    sent_at = models.DateTimeField("отправлено", default=timezone.now)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = "доставка"
        verbose_name_plural = "журнал доставок"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "channel", "subject_id"], name="one_delivery_per_subject"
            )
        ]
        indexes = [models.Index(fields=["channel", "subject_id"], name="delivery_channel")]

    def __str__(self):
        return f"{self.user_id}: {self.channel} #{self.subject_id}"

    @classmethod
    def claim(cls, user_id, channel, subject_id, now=None) -> bool:
        """Record the delivery; False when it was made before."""
        try:
            with transaction.atomic():
                cls.objects.create(
                    user_id=user_id,
                    channel=channel,
                    subject_id=subject_id,
                    sent_at=now or timezone.now(),
                )
        except IntegrityError:
            return False
        return True

    @classmethod
    def claim_all(cls, user_id, channel, subject_ids, now=None) -> None:
        """Record deliveries of subjects the caller has already checked are new."""
        sent_at = now or timezone.now()
        cls.objects.bulk_create(
            cls(user_id=user_id, channel=channel, subject_id=pk, sent_at=sent_at)
            for pk in subject_ids
        )

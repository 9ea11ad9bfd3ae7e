from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from portal.notifications.kinds import emails_by_default, kind_choices
from portal.registry import alert_sources

# The unread count is in the header of every page. A count changed in another process (a Celery
# worker, another web worker with a per-process cache) shows within this time.
UNREAD_CACHE_SECONDS = 60


def unread_key(user_id):
    return f"notifications:unread:{user_id}"


def forget_unread_count(user_ids):
    """Drop the cached counts now and again after the commit: a page read in between would
    cache the old count."""
    keys = [unread_key(user_id) for user_id in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_user(self, user):
        return self.filter(user=user)

    def store_unread_count(self, user):
        """Count `user`'s unread notifications and keep the count for the header (unless a
        newer one was kept meanwhile)."""
        count = self.for_user(user).unread().count()
        cache.add(unread_key(user.pk), count, UNREAD_CACHE_SECONDS)
        return count

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


class AlertFrequency(models.TextChoices):
    DAILY = "daily", "ежедневно"
    WEEKLY = "weekly", "еженедельно"


ALERT_PERIODS = {AlertFrequency.DAILY: timedelta(days=1), AlertFrequency.WEEKLY: timedelta(days=7)}
# Beat runs at a fixed hour; the slack keeps yesterday's 09:00:02 run from blocking today's 09:00.
ALERT_SCHEDULE_SLACK = timedelta(hours=1)
# The title goes into the digest's Subject header, where a line break is refused by Django.
no_control_characters = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message="Название должно быть одной строкой, без переводов строки и управляющих символов.",
)


class AlertQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def of(self, service):
        return self.filter(service=service)

    def active(self):
        return self.filter(is_active=True)

    def due(self, frequency, now=None):
        """Active alerts of `frequency` whose previous digest is at least a period old."""
        now = now or timezone.now()
        threshold = now - ALERT_PERIODS[frequency] + ALERT_SCHEDULE_SLACK
        return self.active().filter(
            models.Q(last_sent_at__isnull=True) | models.Q(last_sent_at__lte=threshold),
            frequency=frequency,
        )

    def subscribe(self, user, service, query, *, title, frequency):
        """The user's alert on `query`, created once: a resubmit, a double click or a race
        returns the existing one (reactivated if they had unsubscribed). Returns (alert,
        created)."""
        alert, created = self.get_or_create(
            user=user,
            service=service,
            query=query,
            defaults={"title": title, "frequency": frequency},
        )
        if not created and not alert.is_active:
            alert.is_active = True
            alert.title, alert.frequency = title, frequency
            alert.save(update_fields=["is_active", "title", "frequency"])
        return alert, created


class ServiceAlertManager(models.Manager.from_queryset(AlertQuerySet)):
    """One service's alerts, for its proxy (`MeasureAlert`, `PracticeAlert`)."""

    def __init__(self, service):
        super().__init__()
        self.service = service

    def get_queryset(self):
        return super().get_queryset().filter(service=self.service)

    def create(self, **kwargs):
        return super().create(**{"service": self.service, **kwargs})


class Alert(models.Model):
    """A user's saved filter of a service's list, mailed as a digest of what is new in it.

    `service` is the key of the `portal.registry.AlertSource` that runs the saved `query` (the
    canonical query string of the service's FilterSet) and renders the digest; services read
    their share through a proxy with `ServiceAlertManager`. What a digest sent is recorded in
    the delivery log on `delivery_channel`, so an item reaches an alert once
    (docs/notifications.md, «Alerts»).
    """

    service = models.CharField("раздел", max_length=32)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    title = models.CharField("название", max_length=200, validators=[no_control_characters])
    query = models.CharField("параметры фильтра", max_length=2000, blank=True)
    frequency = models.CharField(
        "как часто", max_length=16, choices=AlertFrequency.choices, default=AlertFrequency.WEEKLY
    )
    is_active = models.BooleanField("действует", default=True)
    created_at = models.DateTimeField("создана", default=timezone.now)
    last_sent_at = models.DateTimeField("последняя рассылка", null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "подписка на подборку"
        verbose_name_plural = "подписки на подборки"
        constraints = [
            # A double submit of «подписаться» must not create a second alert.
            models.UniqueConstraint(
                fields=["user", "service", "query"], name="alert_user_service_query"
            )
        ]
        indexes = [
            models.Index(fields=["frequency", "is_active"], name="alert_frequency_active"),
            models.Index(fields=["user", "service"], name="alert_user_service"),
        ]

    def __str__(self):
        return self.title

    @property
    def source(self):
        return alert_sources[self.service]

    def get_list_url(self):
        base = reverse(self.source.list_url_name)
        return f"{base}?{self.query}" if self.query else base

    @property
    def delivery_channel(self):
        """The delivery log's channel of this alert («navigator.alert:12»): its subjects are
        the service's items."""
        return f"{self.service}.alert:{self.pk}"

    @staticmethod
    def _salt(service):
        return f"{service}.alert.unsubscribe"

    def unsubscribe_token(self):
        return signing.dumps(self.pk, salt=self._salt(self.service))

    def get_unsubscribe_url(self):
        return reverse(
            "notifications:alert_unsubscribe", args=[self.service, self.unsubscribe_token()]
        )

    @classmethod
    def from_unsubscribe_token(cls, service, token):
        """The alert a signed token names, or None when the token is forged or the alert gone."""
        try:
            pk = signing.loads(token, salt=cls._salt(service))
        except signing.BadSignature:
            return None
        return Alert.objects.of(service).filter(pk=pk).first()

    def unsubscribe(self):
        if self.is_active:
            self.is_active = False
            self.save(update_fields=["is_active"])

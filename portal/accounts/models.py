from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    Group,
    PermissionsMixin,
)
from django.db import models, transaction
from django.utils import timezone

from portal.accounts import roles
from portal.notifications.services import notify
from portal.registry import erase_personal_data


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("E-mail обязателен.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("is_verified", True)
        return self._create_user(email, password, **extra_fields)

    def in_role(self, role):
        return self.filter(groups__name=role)

    def account_moderators(self):
        """Active people who handle accounts: moderators, administrators and superusers."""
        return self.filter(
            models.Q(groups__name__in=[roles.MODERATOR, roles.ADMINISTRATOR])
            | models.Q(is_superuser=True),
            is_active=True,
        ).distinct()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mail", unique=True)
    last_name = models.CharField("фамилия", max_length=100, blank=True)
    first_name = models.CharField("имя", max_length=100, blank=True)
    patronymic = models.CharField("отчество", max_length=100, blank=True)
    position = models.CharField("должность", max_length=200, blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name="муниципальное образование",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    phone = models.CharField("телефон", max_length=32, blank=True)
    is_active = models.BooleanField("активен", default=True)
    is_staff = models.BooleanField("доступ к Django admin", default=False)
    is_verified = models.BooleanField("подтверждённый служащий", default=False)
    verified_at = models.DateTimeField("когда подтверждён", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кем подтверждён",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date_joined = models.DateTimeField("дата регистрации", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        indexes = [models.Index(fields=["is_verified", "date_joined"], name="user_verified_joined")]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def public_name(self):
        """What other users see: the name, never the e-mail address (an account without a name,
        or a deleted one, is «Участник портала»)."""
        return self.get_full_name() or "Участник портала"

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def can_use_private_tools(self):
        """Reading and private tools (bookmarks, subscriptions, alerts, calendar) need only a
        confirmed e-mail, which signing in already requires (docs/roles.md)."""
        return self.is_active

    @property
    def can_publish(self):
        """Anything others see or that takes an expert's time needs a verified employee."""
        return self.is_active and (self.is_verified or self.is_superuser)

    @property
    def manages_accounts(self):
        """Only administrators manage accounts (passwords, e-mails, activity, roles)."""
        return self.is_active and self.has_role(roles.ADMINISTRATOR)

    def has_role(self, role):
        if self.is_superuser:
            return True
        return role in self.role_names

    @property
    def role_names(self):
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return self._role_names

    @property
    def needs_two_factor(self):
        return self.is_superuser or bool(self.role_names & set(roles.STAFF_ROLES))

    def verify(self, by=None):
        """Mark the user a verified employee and tell them so."""

        if self.is_verified:
            return False
        self.is_verified = True
        self.verified_at = timezone.now()
        self.verified_by = by
        self.save(update_fields=["is_verified", "verified_at", "verified_by"])
        self.groups.add(Group.objects.get(name=roles.EMPLOYEE))
        # Verified by the action or an allowed domain: an open request is decided by that.
        self.verification_requests.pending().update(
            status=VerificationRequest.Status.APPROVED, decided_by=by, decided_at=self.verified_at
        )
        notify(
            self,
            "account.verified",
            "Ваша учётная запись подтверждена: теперь вы можете публиковать материалы.",
            link="/cabinet/",
        )
        return True

    def verify_by_email_domain(self):
        """Verify automatically when the e-mail domain is allowed for the user's territory.

        Called once the address is confirmed: only then do we know the user owns it. Otherwise
        the municipality and position given at registration go to the moderators as a
        verification request, which the user follows in the cabinet.
        """
        if self.is_verified:
            return False
        if EmailDomainAllowance.allows(self.email, self.municipality):
            return self.verify()
        if self.municipality is not None and self.position:
            VerificationRequest.submit(self, self.municipality, self.position)
            text = (
                "Адрес электронной почты подтверждён. Модератор проверит, что вы муниципальный "
                "служащий; до этого вы можете читать материалы портала и пользоваться "
                "закладками и подписками, но не публиковать."
            )
        else:
            text = (
                "Адрес электронной почты подтверждён. Чтобы публиковать, подайте заявку "
                "на подтверждение: укажите муниципальное образование и должность."
            )
        notify(self, "account.verification_pending", text, link="/cabinet/verification/")
        return False

    @transaction.atomic
    def anonymize(self):
        """Erase the personal data and close the account; published content stays anonymous."""
        # allauth's models point at this user model: importing them here at module level
        # would load them before the user model exists.
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        EmailAddress.objects.filter(user=self).delete()
        Authenticator.objects.filter(user=self).delete()
        # Every app's share (portal.registry.PersonalData): notifications, bookmarks, alerts…
        erase_personal_data(self)
        self.verification_requests.all().delete()
        self.interests.all().delete()
        self.email = f"deleted-{self.pk}@deleted.invalid"
        self.last_name = self.first_name = self.patronymic = ""
        self.position = self.phone = ""
        self.is_active = self.is_staff = self.is_superuser = False
        self.set_unusable_password()
        self.save()
        self.groups.clear()


class EmailDomainAllowance(models.Model):
    """An e-mail domain whose owners are verified automatically, for a municipality or region."""

    domain = models.CharField("домен", max_length=253)
    region = models.ForeignKey(
        "municipalities.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name="субъект РФ",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name="муниципальное образование",
    )

    class Meta:
        verbose_name = "разрешённый домен e-mail"
        verbose_name_plural = "разрешённые домены e-mail"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region__isnull=False) | models.Q(municipality__isnull=False),
                name="allowance_has_territory",
            ),
        ]
        indexes = [models.Index(fields=["domain"], name="allowance_domain")]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)

    @classmethod
    def allows(cls, email, municipality):
        """Whether `email`'s domain is allowed for `municipality` or its region."""
        if not email or municipality is None or "@" not in email:
            return False
        domain = email.rsplit("@", 1)[1].lower()
        territory = models.Q(region_id=municipality.region_id) | models.Q(
            municipality_id__in=municipality.ancestor_ids()
        )
        return cls.objects.filter(territory, domain=domain).exists()


class InterestQuerySet(models.QuerySet):
    def sphere_ids(self, user) -> set[int]:
        return set(self.filter(user=user).values_list("sphere_id", flat=True))


class Interest(models.Model):
    """A sphere the user works in: every service uses it to rank and suggest what fits them
    (measures in the navigator first of all)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interests"
    )
    sphere = models.ForeignKey("portal.Sphere", on_delete=models.CASCADE, related_name="+")

    objects = InterestQuerySet.as_manager()

    class Meta:
        verbose_name = "сфера работы пользователя"
        verbose_name_plural = "сферы работы пользователей"
        constraints = [
            models.UniqueConstraint(fields=["user", "sphere"], name="one_interest_per_sphere")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.sphere_id}"

    @classmethod
    def replace_for(cls, user, spheres):
        """Make `spheres` exactly the spheres `user` works in."""
        with transaction.atomic():
            cls.objects.filter(user=user).exclude(sphere__in=spheres).delete()
            cls.objects.bulk_create(
                [cls(user=user, sphere=sphere) for sphere in spheres], ignore_conflicts=True
            )


class PersonalDataConsent(models.Model):
    """Consent to personal-data processing (152-ФЗ), kept as evidence."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    policy_version = models.CharField("версия политики", max_length=32)
    given_at = models.DateTimeField("дата согласия", default=timezone.now)
    ip_address = models.GenericIPAddressField("IP-адрес", null=True, blank=True)

    class Meta:
        verbose_name = "согласие на обработку ПДн"
        verbose_name_plural = "согласия на обработку ПДн"

    def __str__(self):
        return f"{self.user} — {self.policy_version}"


class DeletionRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=DeletionRequest.Status.PENDING)


class DeletionRequest(models.Model):
    """A user's request to erase their account (152-ФЗ); a moderator carries it out in admin."""

    class Status(models.TextChoices):
        PENDING = "pending", "ожидает"
        DONE = "done", "выполнен"
        CANCELLED = "cancelled", "отменён"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="deletion_requests",
    )
    email = models.EmailField("e-mail на момент запроса")
    reason = models.TextField("причина", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField("дата запроса", default=timezone.now)
    processed_at = models.DateTimeField("дата обработки", null=True, blank=True)

    objects = DeletionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "запрос на удаление данных"
        verbose_name_plural = "запросы на удаление данных"
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_deletion_per_user",
            )
        ]

    def __str__(self):
        return f"{self.email} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @classmethod
    def open_for(cls, user, reason=""):
        """The user's pending request, created (and announced) unless they already have one.

        Returns `(request, created)`; a repeated submit finds the existing request.
        """
        with transaction.atomic():
            request, created = cls.objects.get_or_create(
                user=user,
                status=cls.Status.PENDING,
                defaults={"email": user.email, "reason": reason},
            )
            if created:
                notify(
                    user,
                    "account.deletion",
                    "Запрос на удаление учётной записи принят. Вы можете отменить его "
                    "в личном кабинете, пока он не выполнен.",
                    link="/cabinet/deletion/",
                )
                for moderator in User.objects.account_moderators().exclude(pk=user.pk):
                    notify(
                        moderator,
                        "account.deletion_requested",
                        f"Пользователь {user.email} запросил удаление учётной записи.",
                        link=f"/admin/accounts/deletionrequest/{request.pk}/change/",
                    )
        return request, created

    def cancel(self):
        """Withdraw a pending request; returns whether anything changed."""
        updated = DeletionRequest.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=self.Status.CANCELLED, processed_at=timezone.now()
        )
        return bool(updated)

    @transaction.atomic
    def complete(self):
        """Erase the user's personal data and close the request."""
        if not self.is_pending:
            return False
        if self.user is not None:
            self.user.anonymize()
        self.status = self.Status.DONE
        self.processed_at = timezone.now()
        self.email = ""
        self.reason = ""
        self.save(update_fields=["status", "processed_at", "email", "reason"])
        return True


# Kept in its own module to keep this one short; imported here so Django registers the model.
from portal.accounts.verification import VerificationRequest  # noqa: E402, F401

from django.db import models


class SphereQuerySet(models.QuerySet):
    def directions(self):
        """The 14 top-level directions of «Муниципальный диалог»."""
        return self.filter(parent__isnull=True)


class Sphere(models.Model):
    """A sphere of municipal activity: 14 directions, each with sub-spheres.

    The same spheres classify support measures, practices, dialog problems and legal topics.
    """

    name = models.CharField("название", max_length=200)
    slug = models.SlugField("код", max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="направление",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)

    objects = SphereQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "сфера"
        verbose_name_plural = "сферы"

    def __str__(self):
        return self.name


class SearchSynonym(models.Model):
    """A term and what it also means in queries: abbreviations, law numbers, colloquial names."""

    term = models.CharField("термин", max_length=200, unique=True)
    expansions = models.TextField(
        "синонимы",
        help_text="Каждый синоним с новой строки, например «органы местного самоуправления».",
    )
    is_active = models.BooleanField("действует", default=True)

    class Meta:
        ordering = ["term"]
        verbose_name = "синоним для поиска"
        verbose_name_plural = "синонимы для поиска"

    def __str__(self):
        return self.term

    def expansion_list(self):
        return [line.strip() for line in self.expansions.splitlines() if line.strip()]


class FormSubmission(models.Model):
    """One accepted submit of a creating form: its one-time token and what it created.

    A resubmit of the same token, or of the same content on the same page shortly after, is
    answered with `result_url` instead of creating a copy (`portal.submissions`).
    """

    user = models.ForeignKey("accounts.User", verbose_name="пользователь", on_delete=models.CASCADE)
    form = models.CharField("форма", max_length=100)
    token = models.UUIDField("одноразовый ключ формы")
    fingerprint = models.CharField("отпечаток содержимого", max_length=64)
    result_url = models.CharField("адрес созданного", max_length=500, blank=True)
    created_at = models.DateTimeField("отправлена", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "отправка формы"
        verbose_name_plural = "отправки форм"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "form", "token"], name="portal_form_submission_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["user", "fingerprint", "created_at"], name="portal_submission_content"
            )
        ]

    def __str__(self):
        return f"{self.form} · {self.token}"


class OutboxMessage(models.Model):
    """A Celery task queued by a committed transaction and not yet taken by the broker.

    Written in the same transaction as the data it is about, so a broker outage loses no work:
    `portal.outbox` publishes it after commit and deletes it once the broker has it.
    """

    task = models.CharField("задача", max_length=200)
    args = models.JSONField("аргументы", default=list)
    kwargs = models.JSONField("именованные аргументы", default=dict)
    created_at = models.DateTimeField("поставлена", auto_now_add=True)
    attempts = models.PositiveIntegerField("попыток отправки", default=0)
    last_error = models.TextField("последняя ошибка", blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "задача в очереди отправки"
        verbose_name_plural = "очередь отправки задач"

    def __str__(self):
        return f"{self.task} {self.args}"

"""A municipal practice: what was wrong, what was done, what came of it, and at what cost."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.search import index

from portal.editorial import Editorial
from portal.search.vectors import weighted_search_vector
from practices.models.choices import PracticeStatus
from practices.models.querysets import PracticeQuerySet

FIRST_YEAR = 1990
# Addresses under /practices/ that are pages, not practices (practices/urls.py).
RESERVED_SLUGS = {
    "api",
    "authors",
    "new",
    "mine",
    "similar",
    "adopted",
    "edit",
    "preview",
    "contest",
}


class Practice(Editorial, index.Indexed, ClusterableModel):
    title = models.CharField("название", max_length=300)
    slug = models.SlugField(
        "адрес страницы",
        max_length=100,
        unique=True,
        blank=True,
        help_text="Латиницей; если пусто, составится из названия.",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name="муниципальное образование",
        on_delete=models.PROTECT,
        related_name="practices",
    )
    spheres = ParentalManyToManyField(
        "portal.Sphere", verbose_name="сферы", blank=True, related_name="practices"
    )
    key_result = models.CharField(
        "главный результат",
        max_length=200,
        help_text="Одна строка для списков, например «Очередь в детские сады сократилась "
        "с 600 до 40 детей».",
    )
    problem = models.TextField("проблема", help_text="Что было не так и кого это касалось.")
    solution = models.TextField(
        "решение", help_text="Что сделали, по шагам; абзац — с новой строки."
    )
    results = models.TextField("результаты", help_text="Измеримые результаты: было → стало.")
    budget = models.PositiveBigIntegerField("бюджет, ₽", null=True, blank=True)
    funding_sources = models.TextField(
        "источники финансирования",
        blank=True,
        help_text="Например, местный бюджет 20 %, субсидия региона 80 %.",
    )
    # Empty only in a draft written step by step on the site (practices/steps.py): the form of
    # its step and the Wagtail editor still require it, and only a complete draft is submitted.
    started_year = models.PositiveSmallIntegerField(
        "год начала", null=True, validators=[MinValueValidator(FIRST_YEAR)]
    )
    # The responsible person: personal data, shown to verified municipal employees only.
    contact_name = models.CharField("контактное лицо", max_length=200, blank=True)
    contact_position = models.CharField("должность", max_length=200, blank=True)
    contact_email = models.EmailField("e-mail", blank=True)
    contact_phone = models.CharField("телефон", max_length=32, blank=True)
    support_measures = ParentalManyToManyField(
        "navigator.SupportMeasure",
        verbose_name="реализовано при поддержке",
        blank=True,
        related_name="practices",
    )
    legal_documents = ParentalManyToManyField(
        "legal_vector.Document",
        verbose_name="правовые акты",
        blank=True,
        related_name="practices",
    )
    status = models.CharField(
        "статус",
        max_length=16,
        choices=PracticeStatus.choices,
        default=PracticeStatus.DRAFT,
        editable=False,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    # Hidden after reports until a moderator decides (portal.community); out of every list.
    is_hidden = models.BooleanField("скрыта по жалобам", default=False, editable=False)
    steps = models.TextField(
        "шаги внедрения", blank=True, help_text="По одному шагу в строке: что, кто, сколько заняло."
    )
    lessons = models.TextField(
        "что не сработало", blank=True, help_text="Ошибки и тупики, чтобы коллеги их обошли."
    )
    created_at = models.DateTimeField("создана", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("изменена", auto_now=True)
    # Title > key result > problem and solution > results and funding. The contacts are
    # personal data and never searchable.
    search_vector = weighted_search_vector(
        [
            (("title",), "A"),
            (("key_result",), "B"),
            (("problem", "solution"), "C"),
            (("results", "funding_sources"), "D"),
        ],
        fold_yo=True,
    )

    objects = PracticeQuerySet.as_manager()

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-first_published_at", "-pk"]
        verbose_name = "муниципальная практика"
        verbose_name_plural = "муниципальные практики"
        indexes = [
            GinIndex(fields=["search_vector"], name="practice_search"),
            models.Index(fields=["status", "-first_published_at"], name="practice_status_newest"),
            models.Index(fields=["status", "started_year"], name="practice_status_year"),
            models.Index(fields=["status", "budget"], name="practice_status_budget"),
            # The catalogue's facet counts read only these columns of published practices: an
            # index-only scan instead of the wide rows (texts and the search vector), also for
            # the ids a text matched (`id = ANY(...)`, practices/filters.py).
            models.Index(
                fields=["id"],
                include=["municipality", "started_year", "budget"],
                condition=models.Q(status=PracticeStatus.PUBLISHED, is_hidden=False),
                name="practice_published_by_id",
            ),
            # The catalogue's default order (`newest()`: NULLS LAST), so its first page reads
            # twenty index entries instead of sorting every published practice.
            models.Index(
                models.F("first_published_at").desc(nulls_last=True),
                models.F("id").desc(),
                condition=models.Q(status=PracticeStatus.PUBLISHED, is_hidden=False),
                name="practice_published_newest",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.slug])

    @property
    def published_at(self):
        """When the practice first went public (Wagtail keeps it: first_published_at)."""
        return self.first_published_at

    @property
    def region(self):
        return self.municipality.region

    def clean(self):
        super().clean()
        if self.started_year and self.started_year > timezone.localdate().year:
            raise ValidationError({"started_year": "Год начала не может быть в будущем."})

    reserved_slugs = RESERVED_SLUGS
    fallback_slug = "praktika"

    def slug_source(self):
        return self.title

    def save(self, *args, **kwargs):
        self.status = self._status_after_publishing_change()
        if self.live and self.first_published_at is None:  # published without Wagtail (demo)
            self.first_published_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "live" in update_fields:
            # The public status must follow `live` even in a partial save.
            kwargs["update_fields"] = {*update_fields, "status", "first_published_at"}
        super().save(*args, **kwargs)

    def _status_after_publishing_change(self):
        if self.live:
            return PracticeStatus.PUBLISHED
        if self.status == PracticeStatus.PUBLISHED:  # unpublished from the admin
            return PracticeStatus.DRAFT
        return self.status

    def mark_reviewed(self, status):
        """Record the moderation state of a practice that is not public.

        A live practice stays published while changes to it are reviewed, so this does
        nothing to it.
        """
        Practice.objects.filter(pk=self.pk, live=False).update(status=status)

    def set_hidden(self, hidden):
        Practice.objects.filter(pk=self.pk).update(is_hidden=hidden)

    def contacts_visible_to(self, user):
        """The responsible person's contacts are personal data: only for verified employees."""
        return bool(user and user.is_authenticated and user.can_publish)

    @property
    def has_contacts(self):
        return any(
            (self.contact_name, self.contact_position, self.contact_email, self.contact_phone)
        )

    def get_preview_template(self, request, mode_name):
        return "practices/detail.html"

    def get_preview_context(self, request, mode_name):
        # A preview shows the story and contacts of the revision, rendered in place (the
        # cached parts of `practices.detail` belong to the published page).
        context = super().get_preview_context(request, mode_name)
        return {**context, "practice": self, "show_contacts": True, "preview": True}

from django.conf import settings
from django.db import models
from django.db.models import Count, Max
from django.utils import timezone


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


class SearchLogQuerySet(models.QuerySet):
    def of(self, service):
        return self.filter(service=service)

    def since(self, days):
        return self.filter(created_at__gte=timezone.now() - timezone.timedelta(days=days))

    def zero_results(self):
        return self.filter(result_count=0)

    def report(self):
        """Queries grouped by their text, most frequent first, with when last asked."""
        return (
            self.exclude(query="")
            .values("query")
            .annotate(searches=Count("pk"), last_searched=Max("created_at"))
            .order_by("-searches", "query")
        )


class ServiceSearchLogManager(models.Manager.from_queryset(SearchLogQuerySet)):
    """One service's share of the log, for its own admin reports (a proxy's manager)."""

    def __init__(self, service):
        super().__init__()
        self.service = service

    def get_queryset(self):
        return super().get_queryset().filter(service=self.service)


class SearchLog(models.Model):
    """One query to any of the portal's searches and how much it found: what people look for,
    and what the portal lacks (the services' «запросы без результатов» reports).

    `service` is the key of the service searched (its `portal.registry.Service`, «portal» for
    the site-wide search); services read their share through a proxy with
    `ServiceSearchLogManager`.
    """

    class Source(models.TextChoices):
        SEARCH = "search", "поиск"
        ASK = "ask", "чат-бот"
        LIST = "list", "фильтр списка"

    service = models.CharField("раздел", max_length=32)
    source = models.CharField("откуда", max_length=8, choices=Source.choices)
    query = models.CharField("запрос", max_length=200, blank=True)
    filters = models.CharField("параметры фильтра", max_length=2000, blank=True)
    result_count = models.PositiveIntegerField("найдено")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("когда", default=timezone.now)

    objects = SearchLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "поисковый запрос"
        verbose_name_plural = "журнал поисковых запросов"
        indexes = [
            models.Index(fields=["service", "-created_at"], name="searchlog_service_created"),
            models.Index(
                fields=["service", "query"],
                condition=models.Q(result_count=0),
                name="searchlog_service_zero",
            ),
        ]

    def __str__(self):
        return f"«{self.query}» — {self.result_count}"

    @classmethod
    def record(cls, query, source, result_count, user=None, *, service, filters=""):
        """Log a query (cut to the field sizes); an empty query with no filter is not one."""
        if not query and not filters:
            return None
        signed_in = user if user is not None and user.is_authenticated else None
        return cls.objects.create(
            service=service,
            source=source,
            query=query[:200],
            filters=filters[:2000],
            result_count=result_count,
            user=signed_in,
        )


class SearchPostings(models.Model):
    """The rows of a search index holding one term, as a compressed set of ids (a serialised
    Roaring bitmap): a word's lexeme (`w:…`) or a facet's value (`f:…`). Built whole from the
    index's table by `portal.search.postings.build`; read only while `PostingsState` says the
    table has not changed since (docs/search-postings.md)."""

    index = models.CharField("индекс", max_length=64)
    # Bytewise order: a word's prefix (`'отвеч':*`) is then a range of the unique index.
    term = models.TextField("термин", db_collation="C")
    ids = models.BinaryField("строки")

    class Meta:
        verbose_name = "список строк термина"
        verbose_name_plural = "списки строк терминов"
        constraints = [
            models.UniqueConstraint(fields=["index", "term"], name="search_postings_term"),
        ]

    def __str__(self):
        return f"{self.index}: {self.term}"


class PostingsState(models.Model):
    """How far an index's postings are behind its table. A database trigger on the table adds
    one to `generation` on every statement that changes what the index reads; a build records
    the generation it read as `built`. The postings answer only while the two are equal."""

    index = models.CharField("индекс", max_length=64, primary_key=True)
    generation = models.BigIntegerField("версия таблицы", default=1)
    built = models.BigIntegerField("версия списков", default=0)
    built_at = models.DateTimeField("построены", null=True, blank=True)

    class Meta:
        verbose_name = "состояние списков строк"
        verbose_name_plural = "состояния списков строк"

    def __str__(self):
        return self.index

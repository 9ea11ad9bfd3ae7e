from django.conf import settings
from django.db import models
from django.db.models import Count, Max


class SearchLogQuerySet(models.QuerySet):
    def zero_results(self):
        return self.filter(result_count=0)

    def top_queries(self, limit=50):
        """The most frequent queries with how often they were asked and when last."""
        return (
            self.values("query")
            .annotate(times=Count("pk"), last_asked=Max("created_at"))
            .order_by("-times", "query")[:limit]
        )


class SearchLog(models.Model):
    """One query on the legal search page or to the bot, with how many results it got."""

    class Source(models.TextChoices):
        SEARCH = "search", "поиск"
        ASK = "ask", "чат-бот"

    query = models.CharField("запрос", max_length=200)
    source = models.CharField("откуда", max_length=8, choices=Source.choices)
    result_count = models.PositiveIntegerField("найдено")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("когда", auto_now_add=True)

    objects = SearchLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "запрос к поиску"
        verbose_name_plural = "журнал поисковых запросов"
        indexes = [
            models.Index(fields=["result_count", "-created_at"], name="legal_searchlog_results"),
            models.Index(fields=["query"], name="legal_searchlog_query"),
        ]

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query, source, result_count, user=None):
        if not query:
            return None
        signed_in = user if user is not None and user.is_authenticated else None
        return cls.objects.create(
            query=query[:200], source=source, result_count=result_count, user=signed_in
        )


class ZeroResultQuery(SearchLog):
    """The admin's report of queries that found nothing: what the base is missing."""

    class Meta:
        proxy = True
        verbose_name = "запрос без результатов"
        verbose_name_plural = "запросы без результатов"

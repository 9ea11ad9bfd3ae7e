"""The legal base's share of the portal's search log (`portal.models.SearchLog`): its queries
and the report of those that found nothing, for the legal editors."""

from portal.models import SearchLog, ServiceSearchLogManager

SERVICE = "legal_vector"


class LegalSearchQuery(SearchLog):
    """Queries to the legal search and to the bot."""

    objects = ServiceSearchLogManager(SERVICE)

    class Meta:
        proxy = True
        verbose_name = "запрос к правовой базе"
        verbose_name_plural = "журнал запросов к правовой базе"


class ZeroResultQuery(SearchLog):
    """The admin's report of queries that found nothing: what the base is missing."""

    objects = ServiceSearchLogManager(SERVICE)

    class Meta:
        proxy = True
        verbose_name = "запрос без результатов"
        verbose_name_plural = "запросы без результатов"

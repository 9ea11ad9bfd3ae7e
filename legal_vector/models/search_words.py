from django.contrib.postgres.indexes import GinIndex
from django.db import models


class SearchWord(models.Model):
    """A word of the legal base's current texts, to correct typos in search queries.

    Filled from the units by `legal_vector.search.vocabulary`: a typo is matched against this
    small table by trigram similarity instead of against a million units on every request.
    """

    word = models.CharField("слово", max_length=64, unique=True)
    unit_count = models.PositiveIntegerField("в скольких фрагментах", default=0)

    class Meta:
        verbose_name = "слово поискового словаря"
        verbose_name_plural = "поисковый словарь"
        indexes = [
            GinIndex(fields=["word"], name="legal_searchword_trgm", opclasses=["gin_trgm_ops"])
        ]

    def __str__(self):
        return self.word

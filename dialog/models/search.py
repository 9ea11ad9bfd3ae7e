"""A narrow copy of each problem's search vector, for finding which problems match a text.

PostgreSQL answers «which problems match these words» from the GIN index and then the table's
rows. On the problems table each row is wide (the texts), so a text matching half of 200,000
problems read ~47,000 pages (0.4 s); this table holds only the id and the vector. A database
trigger on `dialog_problem` (migration 0004) keeps it equal to `Problem.search_vector` on every
insert and update, COPY and `update()` included, which no Django signal would see.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ProblemSearchVector(models.Model):
    problem = models.OneToOneField(
        "dialog.Problem", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    search_vector = SearchVectorField()

    class Meta:
        verbose_name = "поисковый вектор проблемы"
        verbose_name_plural = "поисковые векторы проблем"
        indexes = [GinIndex(fields=["search_vector"], name="dialog_problem_vector_only")]

    def __str__(self):
        return f"вектор проблемы № {self.problem_id}"

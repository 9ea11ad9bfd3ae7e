import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_colloquial_synonyms"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("service", models.CharField(max_length=32, verbose_name="раздел")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("search", "поиск"),
                            ("ask", "чат-бот"),
                            ("list", "фильтр списка"),
                        ],
                        max_length=8,
                        verbose_name="откуда",
                    ),
                ),
                ("query", models.CharField(blank=True, max_length=200, verbose_name="запрос")),
                (
                    "filters",
                    models.CharField(blank=True, max_length=2000, verbose_name="параметры фильтра"),
                ),
                ("result_count", models.PositiveIntegerField(verbose_name="найдено")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="когда"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="пользователь",
                    ),
                ),
            ],
            options={
                "verbose_name": "поисковый запрос",
                "verbose_name_plural": "журнал поисковых запросов",
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(
                        fields=["service", "-created_at"], name="searchlog_service_created"
                    ),
                    models.Index(
                        condition=models.Q(("result_count", 0)),
                        fields=["service", "query"],
                        name="searchlog_service_zero",
                    ),
                ],
            },
        ),
    ]

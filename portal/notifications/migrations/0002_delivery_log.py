import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Delivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("channel", models.CharField(max_length=100, verbose_name="канал")),
                ("subject_id", models.BigIntegerField(verbose_name="о чём")),
                (
                    "sent_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="отправлено"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "доставка",
                "verbose_name_plural": "журнал доставок",
                "indexes": [
                    models.Index(fields=["channel", "subject_id"], name="delivery_channel")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "channel", "subject_id"), name="one_delivery_per_subject"
                    )
                ],
            },
        ),
    ]

# The thread of a consultation: follow-ups, later answers and checked attachments.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import legal_vector.models.consultation_thread


class Migration(migrations.Migration):
    dependencies = [
        ("legal_vector", "0007_import_marks_and_jobs"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsultationMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("from_lawyer", models.BooleanField(default=False, verbose_name="от юриста")),
                ("text", models.TextField(blank=True, verbose_name="текст")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="создано")),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="legal_consultation_messages",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="автор",
                    ),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="messages",
                        to="legal_vector.consultation",
                    ),
                ),
            ],
            options={
                "verbose_name": "сообщение консультации",
                "verbose_name_plural": "сообщения консультаций",
                "ordering": ["created_at", "pk"],
                "indexes": [
                    models.Index(
                        fields=["consultation", "created_at"], name="legal_consult_message_thread"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ConsultationAttachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        upload_to=legal_vector.models.consultation_thread.attachment_path,
                        verbose_name="файл",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="имя файла")),
                ("kind", models.CharField(max_length=16, verbose_name="тип")),
                ("size", models.PositiveIntegerField(verbose_name="размер, байт")),
                (
                    "message",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="legal_vector.consultationmessage",
                    ),
                ),
            ],
            options={
                "verbose_name": "вложение консультации",
                "verbose_name_plural": "вложения консультаций",
                "ordering": ["message", "pk"],
            },
        ),
    ]

"""Choices shared by the dialog models."""

from django.db import models


class ProblemStatus(models.TextChoices):
    DRAFT = "draft", "черновик"
    MODERATION = "moderation", "на модерации"
    PUBLISHED = "published", "опубликована"
    RETURNED = "returned", "возвращена на доработку"
    REJECTED = "rejected", "отклонена"
    REVIEW = "review", "на рассмотрении у эксперта"
    ANSWERED = "answered", "дан ответ"
    IN_PROGRESS = "in_progress", "в работе"
    SOLVED = "solved", "решена"
    UNSOLVABLE = "unsolvable", "не может быть решена"
    MERGED = "merged", "объединена с другой"


# What everybody may see on the field; drafts, moderation, returns and rejections stay private.
PUBLIC_STATUSES = [
    ProblemStatus.PUBLISHED,
    ProblemStatus.REVIEW,
    ProblemStatus.ANSWERED,
    ProblemStatus.IN_PROGRESS,
    ProblemStatus.SOLVED,
    ProblemStatus.UNSOLVABLE,
]
# The states in which the answer is awaited and the SLA clock runs.
AWAITING_ANSWER = [ProblemStatus.PUBLISHED, ProblemStatus.REVIEW]
ANSWERED_STATUSES = [
    ProblemStatus.ANSWERED,
    ProblemStatus.IN_PROGRESS,
    ProblemStatus.SOLVED,
    ProblemStatus.UNSOLVABLE,
]


class ProblemLevel(models.TextChoices):
    MUNICIPAL = "municipal", "муниципальный"
    REGIONAL = "regional", "региональный"
    FEDERAL = "federal", "федеральный"


class Routing(models.TextChoices):
    ROUND_ROBIN = "round_robin", "по очереди"
    LEAST_LOADED = "least_loaded", "наименее загруженному"

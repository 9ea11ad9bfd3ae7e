from django.db import models


class PracticeStatus(models.TextChoices):
    """Where a practice stands; only published ones are public.

    Kept in step with Wagtail: a live practice is always published, and a practice that is not
    live is a draft, on review (a moderation workflow is running) or rejected.
    """

    DRAFT = "draft", "черновик"
    ON_REVIEW = "on_review", "на проверке"
    PUBLISHED = "published", "опубликована"
    REJECTED = "rejected", "отклонена"

"""The end-of-course survey and its summaries."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from academy.models.learning import Enrollment


class CourseFeedbackQuerySet(models.QuerySet):
    def of_course(self, course):
        return self.filter(enrollment__course=course)

    def summary(self):
        """Counts per rating (1–5), «пригодится» yes/no and the average, in one query."""
        counts = {f"rating_{i}": models.Count("pk", filter=Q(rating=i)) for i in range(1, 6)}
        row = self.aggregate(
            answers=models.Count("pk"),
            average=models.Avg("rating"),
            useful_yes=models.Count("pk", filter=Q(useful=True)),
            useful_no=models.Count("pk", filter=Q(useful=False)),
            **counts,
        )
        row["ratings"] = [(i, row.pop(f"rating_{i}")) for i in range(5, 0, -1)]
        return row

    def per_course(self):
        """Answers and the average rating for each course that has any, most answers first."""
        return (
            self.values("enrollment__course_id", "enrollment__course__title")
            .annotate(answers=models.Count("pk"), average=models.Avg("rating"))
            .order_by("-answers", "enrollment__course__title")
        )


class CourseFeedback(models.Model):
    """The end-of-course survey; one answer per enrolment."""

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        "оценка курса", choices=[(i, str(i)) for i in range(1, 6)]
    )
    useful = models.BooleanField("пригодится в работе")
    comment = models.TextField("что улучшить", blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CourseFeedbackQuerySet.as_manager()

    def __str__(self):
        return f"{self.rating}/5"

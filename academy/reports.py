"""Learning reports: counts per course and cohort, drill-down region → municipality → employee.

Every query starts from `scoped(user)`, so a scoped manager never sees people outside their
territory, whatever the parameters say.
"""

from django.db.models import Avg, Count, Q
from django.utils import timezone

from academy.access import people_filter
from academy.models import Enrollment, EnrollmentStatus

REPORT_COUNTS = {
    "enrolled": Count("pk"),
    "in_progress": Count("pk", filter=Q(status=EnrollmentStatus.ACTIVE)),
    "completed": Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED)),
    "requested": Count("pk", filter=Q(status=EnrollmentStatus.REQUESTED)),
    "average_score": Avg("best_score"),
}


def scoped(user):
    enrollments = Enrollment.objects.taken()
    limit = people_filter(user)
    return enrollments if limit is None else enrollments.filter(limit)


def with_counts(queryset, *group_by, today=None):
    today = today or timezone.localdate()
    overdue = Count("pk", filter=Q(status=EnrollmentStatus.ACTIVE, cohort__ends_on__lt=today))
    return queryset.values(*group_by).annotate(**REPORT_COUNTS, overdue=overdue).order_by(*group_by)


def course_rows(user, course=None, region=None, municipality=None):
    """Rows for the level asked: courses and cohorts, then regions, municipalities, people."""
    enrollments = scoped(user)
    if course is None:
        return "course", with_counts(enrollments, "course_id", "course__title", "cohort__title")
    enrollments = enrollments.filter(course=course)
    if municipality is not None:
        rows = enrollments.filter(user__municipality=municipality).select_related("user", "cohort")
        return "person", rows.order_by("user__last_name", "user__email")
    if region is not None:
        rows = enrollments.filter(user__municipality__region=region)
        return "municipality", with_counts(
            rows, "user__municipality_id", "user__municipality__name"
        )
    return "region", with_counts(
        enrollments, "user__municipality__region_id", "user__municipality__region__name"
    )

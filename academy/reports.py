"""Learning reports: counts per course and cohort, drill-down region → municipality → employee.

Every query starts from `scoped(user)`, so a scoped manager never sees people outside their
territory, whatever the parameters say.
"""

from django.db.models import Avg, Count, Q
from django.utils import timezone

from academy.access import people_filter, sees_whole_region
from academy.models import Enrollment, EnrollmentStatus

REPORT_COUNTS = {
    "enrolled": Count("pk"),
    "in_progress": Count("pk", filter=Q(status=EnrollmentStatus.ACTIVE)),
    "completed": Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED)),
    "requested": Count("pk", filter=Q(status=EnrollmentStatus.REQUESTED)),
    "average_score": Avg("best_score"),
}


def scoped(user, region=None):
    """The enrolments `user` may report on; with `region`, those of the region's people only.

    A manager whose scope is the whole region needs no filter of their own there: it would
    repeat the region's, PostgreSQL would multiply the two estimates, expect a handful of
    people and walk every user of the region (9,000 at the bench's scale, 12 ms) instead of
    the course's enrolments (1,000 looked up by key, 3 ms)."""
    enrollments = Enrollment.objects.taken()
    if region is not None:
        enrollments = enrollments.filter(user__municipality__region=region)
        if sees_whole_region(user, region):
            return enrollments
    limit = people_filter(user)
    return enrollments if limit is None else enrollments.filter(limit)


def with_counts(queryset, *group_by, today=None):
    today = today or timezone.localdate()
    overdue = Count("pk", filter=Q(status=EnrollmentStatus.ACTIVE, cohort__ends_on__lt=today))
    return queryset.values(*group_by).annotate(**REPORT_COUNTS, overdue=overdue).order_by(*group_by)


def course_rows(user, course=None, region=None, municipality=None):
    """Rows for the level asked: courses and cohorts, then regions, municipalities, people."""
    if course is None:
        enrollments = scoped(user)
        return "course", with_counts(enrollments, "course_id", "course__title", "cohort__title")
    if municipality is not None:
        rows = scoped(user).filter(course=course, user__municipality=municipality)
        rows = rows.select_related("user", "cohort")
        return "person", rows.order_by("user__last_name", "user__email")
    if region is not None:
        rows = scoped(user, region).filter(course=course)
        return "municipality", with_counts(
            rows, "user__municipality_id", "user__municipality__name"
        )
    enrollments = scoped(user).filter(course=course)
    return "region", with_counts(
        enrollments, "user__municipality__region_id", "user__municipality__region__name"
    )

"""Reminders through portal notifications (users choose instant e-mail or digest there)."""

from datetime import timedelta

from django.utils import timezone

from portal.notifications.services import notify

WEBINAR_KIND = "academy.webinar"
DEADLINE_KIND = "academy.deadline"
ENROLLMENT_KIND = "academy.enrollment"
DAYS_BEFORE_DEADLINE = 7


def remind_webinars(now=None):
    """A reminder a day and an hour before; the flags make a repeated run send nothing twice."""
    from academy.models import WebinarRegistration

    now = now or timezone.now()
    sent = 0
    for flag, delta, when in (
        ("reminded_day", timedelta(days=1), "завтра"),
        ("reminded_hour", timedelta(hours=1), "через час"),
    ):
        due = WebinarRegistration.objects.filter(
            **{flag: False}, webinar__starts_at__gt=now, webinar__starts_at__lte=now + delta
        ).select_related("webinar", "user")
        for registration in due:
            webinar = registration.webinar
            notify(
                registration.user,
                WEBINAR_KIND,
                f"Вебинар «{webinar.title}» начнётся {when}.",
                link=f"/academy/webinars/{webinar.pk}/",
            )
            WebinarRegistration.objects.filter(pk=registration.pk).update(**{flag: True})
            sent += 1
    return sent


def remind_deadlines(today=None):
    """N days before a cohort ends, and once the day after it ended (overdue)."""
    from academy.models import Enrollment, EnrollmentStatus

    today = today or timezone.localdate()
    sent = 0
    active = Enrollment.objects.filter(status=EnrollmentStatus.ACTIVE).select_related(
        "cohort", "course", "user"
    )
    for enrollment in active.filter(cohort__ends_on=today + timedelta(days=DAYS_BEFORE_DEADLINE)):
        notify(
            enrollment.user,
            DEADLINE_KIND,
            f"До окончания потока курса «{enrollment.course.title}» "
            f"осталось {DAYS_BEFORE_DEADLINE} дней.",
            link="/academy/my/",
        )
        sent += 1
    for enrollment in active.filter(cohort__ends_on=today - timedelta(days=1)):
        notify(
            enrollment.user,
            DEADLINE_KIND,
            f"Срок потока курса «{enrollment.course.title}» истёк, курс не завершён.",
            link="/academy/my/",
        )
        sent += 1
    return sent

"""Reminders through portal notifications (users choose instant e-mail or digest there)."""

from datetime import timedelta

from django.utils import timezone

from academy.models import Enrollment, EnrollmentStatus, WebinarRegistration
from portal.notifications.services import notify

WEBINAR_KIND = "academy.webinar"
DEADLINE_KIND = "academy.deadline"
ENROLLMENT_KIND = "academy.enrollment"
DAYS_BEFORE_DEADLINE = 7
DAY_BEFORE = timedelta(days=1)
HOUR_BEFORE = timedelta(hours=1)


def remind_webinars(now=None):
    """A reminder a day before and one an hour before, each sent exactly once.

    Runs every few minutes (Celery beat). A registration is claimed by a conditional UPDATE of
    its flag before the notice goes out, so a repeated or concurrent run sends nothing twice.
    Within the last hour only the hour reminder goes: a late registrant is not told «tomorrow»
    and «in an hour» at once, and the day flag is set with it.
    """
    now = now or timezone.now()
    sent = 0
    upcoming = WebinarRegistration.objects.filter(webinar__starts_at__gt=now)
    hour_due = upcoming.filter(reminded_hour=False, webinar__starts_at__lte=now + HOUR_BEFORE)
    for registration in hour_due.select_related("webinar", "user"):
        if _claim(registration, reminded_hour=True, reminded_day=True):
            _remind(registration, "через час")
            sent += 1
    day_due = upcoming.filter(reminded_day=False, webinar__starts_at__lte=now + DAY_BEFORE)
    for registration in day_due.select_related("webinar", "user"):
        if _claim(registration, reminded_day=True):
            starts_at = timezone.localtime(registration.webinar.starts_at)
            _remind(registration, f"{starts_at:%d.%m.%Y} в {starts_at:%H:%M} (мск)")
            sent += 1
    return sent


def _claim(registration, **flags):
    """True for the one run that turned the first flag from False to True."""
    first = next(iter(flags))
    return (
        WebinarRegistration.objects.filter(pk=registration.pk, **{first: False}).update(**flags)
        == 1
    )


def _remind(registration, when):
    webinar = registration.webinar
    notify(
        registration.user,
        WEBINAR_KIND,
        f"Вебинар «{webinar.title}» начнётся {when}.",
        link=f"/academy/webinars/{webinar.pk}/",
    )


def remind_deadlines(today=None):
    """N days before a cohort ends, and once the day after it ended (overdue)."""
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

"""How the academy plugs into the portal: called from AppConfig.ready()."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from academy import course_changes, discussions, reminders, site_search, tasks
from academy.models import (
    Accommodation,
    Attempt,
    Certificate,
    CoursePage,
    Enrollment,
    LessonCompletion,
    ManagerScope,
    Programme,
    Webinar,
    WebinarRegistration,
    recommended_courses,
)
from academy.models.certificates import certificate_issued
from academy.models.webinars import bump_webinars
from portal.notifications.kinds import register_kind
from portal.pages.models.home import allow_under_home
from portal.registry import (
    CabinetSection,
    HomeBlock,
    PersonalData,
    Seeding,
    Service,
    register_cabinet_section,
    register_home_block,
    register_personal_data,
    register_seeding,
    register_service,
)

CABINET_SHOWN = 5
HOME_SHOWN = 4
HOME_FIELDS = ("id", "title", "url_path", "hours", "summary")


def cabinet_context(request):
    enrollments = (
        Enrollment.objects.filter(user=request.user)
        .taken()
        .select_related("course")
        .order_by("-created_at")
    )
    certificates = Certificate.objects.filter(user=request.user).order_by("-issued_on")
    return {
        "academy_enrollments": list(enrollments[:CABINET_SHOWN]),
        "academy_certificates": list(certificates[:CABINET_SHOWN]),
    }


def home_context(request):
    """New courses for everybody; a signed-in employee first sees courses and programmes
    addressed to the position in their profile that they have not taken up yet (and those
    courses are not repeated among the new ones)."""
    context, recommended = {}, []
    user = request.user
    if user.is_authenticated:
        recommended = list(recommended_courses(user).only(*HOME_FIELDS)[:HOME_SHOWN])
        programmes = Programme.objects.for_position(user.position).order_by("title")
        context["academy_recommended"] = recommended
        context["academy_programmes"] = [
            (programme, programme.fit_for(user.position)) for programme in programmes[:HOME_SHOWN]
        ]
    courses = CoursePage.objects.live().public().exclude(pk__in=[c.pk for c in recommended])
    courses = courses.order_by("-first_published_at", "-pk").only(*HOME_FIELDS)
    context["academy_courses"] = list(courses[:HOME_SHOWN])
    return context


def export_personal_data(user):
    return {
        "enrollments": [
            {
                "course": e.course.title,
                "status": e.get_status_display(),
                "progress": e.progress,
                "created_at": e.created_at.isoformat(),
            }
            for e in Enrollment.objects.filter(user=user).select_related("course")
        ],
        "attempts": [
            {
                "quiz": a.quiz.title,
                "number": a.number,
                "started_at": a.started_at.isoformat(),
                "score": a.score,
                "passed": a.passed,
            }
            for a in Attempt.objects.filter(user=user).select_related("quiz")
        ],
        "certificates": [
            {
                "number": c.number,
                "title": c.title,
                "hours": c.hours,
                "issued_on": c.issued_on.isoformat(),
                "revoked": c.is_revoked,
            }
            for c in Certificate.objects.filter(user=user)
        ],
        "accommodations": [
            {
                "quiz": a.quiz.title,
                "extra_minutes": a.extra_minutes,
                "extra_attempts": a.extra_attempts,
                "granted_at": a.granted_at.isoformat(),
            }
            for a in Accommodation.objects.filter(user=user).select_related("quiz")
        ],
    }


def erase_personal_data(user):
    """Learning records go; certificates stay checkable by number but lose the name and are
    revoked, so a verification page never shows a deleted person."""
    Attempt.objects.filter(user=user).delete()
    for model in (Enrollment, LessonCompletion, WebinarRegistration, ManagerScope, Accommodation):
        model.objects.filter(user=user).delete()
    Certificate.objects.filter(user=user).update(
        holder_name="(данные удалены по запросу владельца)",
        revoked_at=timezone.now(),
        revoked_reason="Персональные данные удалены по запросу владельца.",
        user=None,
    )


def register():
    register_seeding(Seeding("academy", demo="academy.demo", bench="academy.bench", order=100))
    allow_under_home("academy.AcademyIndexPage")
    certificate_issued.connect(tasks.queue_certificate_pdf, dispatch_uid="academy-certificate-pdf")
    discussions.register()
    course_changes.register()
    for signal in (post_save, post_delete):
        signal.connect(bump_webinars, sender=Webinar, dispatch_uid="academy-webinars")
    register_service(
        Service(
            key="academy",
            url_name="academy:index",
            title="Муниципальная академия",
            description="Курсы, программы и вебинары",
            order=40,
        )
    )
    register_kind(reminders.ENROLLMENT_KIND, "Академия: заявки и назначения", email_by_default=True)
    register_kind(
        reminders.WEBINAR_KIND, "Академия: напоминания о вебинарах", email_by_default=True
    )
    register_kind(reminders.DEADLINE_KIND, "Академия: сроки потоков")
    site_search.register()
    register_cabinet_section(
        CabinetSection(
            key="academy",
            title="Обучение",
            template="academy/cabinet.html",
            get_context=cabinet_context,
            order=40,
            url_name="academy:my",
        )
    )
    register_home_block(
        HomeBlock(
            key="academy-courses",
            title="Курсы академии",
            template="academy/home_courses.html",
            get_context=home_context,
            personal=True,
            order=40,
        )
    )
    register_personal_data(
        PersonalData(
            key="academy",
            models=(
                "academy.Enrollment",
                "academy.LessonCompletion",
                "academy.Attempt",
                "academy.Certificate",
                "academy.WebinarRegistration",
                "academy.Accommodation",
                "academy.ManagerScope",
            ),
            export=export_personal_data,
            erase=erase_personal_data,
        )
    )
    settings.CELERY_BEAT_SCHEDULE.update(
        {
            "academy-webinar-reminders": {
                "task": "academy.tasks.send_webinar_reminders",
                "schedule": 300.0,
            },
            "academy-deadline-reminders": {
                "task": "academy.tasks.send_deadline_reminders",
                "schedule": 86400.0,
            },
        }
    )

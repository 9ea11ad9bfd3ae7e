"""Demo content of the academy: `seed(stdout)` is called by `manage.py seed_demo`.

Idempotent: pages are found by slug, snippets by title, webinars by title; a second run only
adds what is missing, and editors' changes stay.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from academy.demo.tracks import MAYORS, TRACKS
from academy.models import (
    AcademyIndexPage,
    CertificateTemplate,
    Cohort,
    CoursePage,
    LessonPage,
    ManagerScope,
    Programme,
    ProgrammeCourse,
    Question,
    Quiz,
    TrackPage,
    Webinar,
)
from portal.accounts import roles
from portal.pages.models import HomePage

PROGRAMME_COURSES = ["mayors-school", "data-for-decisions", "ai-intro", "gosuslugi-pos"]
WEBINARS = [
    (3, "Как ответить жителю за 15 минут: разбор реальных сообщений", "gosuslugi-pos", ""),
    (10, "Открытые данные: с чего начать малому муниципалитету", "open-data", ""),
    (20, "ИИ-помощник для черновиков: живая демонстрация", "ai-intro", ""),
    (-14, "Сводные таблицы для отчёта главе", "spreadsheets-pro", "https://rutube.ru/"),
    (-30, "Школа мэров: встреча с выпускниками", "mayors-school", "https://rutube.ru/"),
]


def seed(stdout):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  академия: нет главной страницы, демо не загружено")
        return
    index = _child(home, AcademyIndexPage, "academy-pages", "Муниципальная академия")
    template = CertificateTemplate.objects.filter(title="Сертификат Муниципальной академии").first()
    if template is None:
        template = CertificateTemplate.objects.create(
            title="Сертификат Муниципальной академии",
            signatory_name="Ректор Муниципальной академии",
            signatory_title="",
        )
    created = 0
    for slug, title, summary, courses in TRACKS:
        track = _child(index, TrackPage, slug, title, summary=summary)
        extra = [MAYORS] if slug == "data" else []
        for course in [*courses, *extra]:
            created += _course(track, course, template)
    _programme(template)
    _webinars()
    _people()
    total = LessonPage.objects.count()
    stdout.write(f"  академия: новых курсов {created}, всего уроков {total}")


def _child(parent, page_class, slug, title, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    return parent.add_child(instance=page_class(title=title, slug=slug, **fields))


def _course(track, data, template):
    slug, title, summary, level, fmt, hours, mode, audience, lessons, questions = data
    if CoursePage.objects.filter(slug=slug).exists():
        return 0
    quiz = Quiz.objects.create(
        title=f"Итоговый тест: {title}",
        attempt_limit=3,
        pass_mark=70,
        time_limit_minutes=15,
        draw_count=0,
    )
    for order, (kind, prompt, key) in enumerate(questions):
        fields = {"choices": key} if kind in ("single", "multiple") else {"accepted": key}
        if kind == "number":
            fields = {"number": key, "tolerance": 0}
        Question.objects.create(quiz=quiz, sort_order=order, kind=kind, prompt=prompt, **fields)
    course = track.add_child(
        instance=CoursePage(
            title=title,
            slug=slug,
            summary=summary,
            level=level,
            format=fmt,
            hours=hours,
            enrolment_mode=mode,
            audience=audience,
            final_quiz=quiz,
            certificate_template=template,
        )
    )
    for number, (module, lesson_title, text) in enumerate(lessons, start=1):
        body = [("text", f"<p>{text}</p>")]
        if number == len(lessons):
            body.append(
                (
                    "callout",
                    {
                        "kind": "tip",
                        "text": "<p>После этого урока пройдите итоговый тест курса.</p>",
                    },
                )
            )
        course.add_child(
            instance=LessonPage(
                title=lesson_title,
                slug=f"lesson-{number}",
                module=module,
                minutes=10 + 5 * (number % 3),
                body=body,
            )
        )
    if fmt == "cohort":
        today = timezone.localdate()
        Cohort.objects.create(
            course=course,
            title="Весенний поток",
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=50),
        )
    return 1


def _programme(template):
    programme = Programme.objects.filter(slug="mayors-school").first()
    if programme is not None:
        return
    programme = Programme.objects.create(
        title="Школа мэров",
        slug="mayors-school",
        summary="Программа для глав муниципальных образований и их заместителей: стратегия, "
        "данные, работа с жителями и искусственный интеллект в управлении.",
        recommended_for=["deputy"],
        mandatory_for=["head"],
        certificate_template=template,
    )
    for order, slug in enumerate(PROGRAMME_COURSES):
        course = CoursePage.objects.filter(slug=slug).first()
        if course:
            ProgrammeCourse.objects.create(programme=programme, course=course, sort_order=order)


def _webinars():
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for days, title, course_slug, recording in WEBINARS:
        if Webinar.objects.filter(title=title).exists():
            continue
        Webinar.objects.create(
            title=title,
            course=CoursePage.objects.filter(slug=course_slug).first(),
            description="Вебинар Муниципальной академии с разбором вопросов участников.",
            speaker="Преподаватель академии",
            starts_at=now + timedelta(days=days, hours=11),
            platform_url="https://webinar.example.ru/academy",
            seats=200,
            recording_url=recording,
        )


def _people():
    """Demo academy administrator and a manager scoped to the employee's municipality."""
    User = get_user_model()
    employee = User.objects.filter(email="employee@demo.local").first()
    for email, role, names in (
        ("academy@demo.local", roles.ACADEMY_ADMIN, ("Орлова", "Марина")),
        ("manager@demo.local", roles.ACADEMY_MANAGER, ("Лебедев", "Игорь")),
    ):
        if User.objects.filter(email=email).exists() or employee is None:
            continue
        user = User(
            email=email,
            last_name=names[0],
            first_name=names[1],
            municipality=employee.municipality,
            is_verified=True,
            is_staff=role == roles.ACADEMY_ADMIN,
            password=employee.password,
        )
        user.save()
        user.groups.add(*Group.objects.filter(name__in=[role, roles.EMPLOYEE]))
        if role == roles.ACADEMY_MANAGER and employee.municipality_id:
            ManagerScope.objects.create(user=user, municipality=employee.municipality)

"""Benchmark data of the academy (issue 12): 300 courses at scale 1 with 12 lessons each,
300,000 enrolments, about 3,000,000 lesson completions, 500,000 quiz attempts and a
certificate for every finished course.

Courses and lessons are Wagtail pages, made with `add_child` once (numbered slugs
`bench-course-001` tell which exist). Everything else goes in with PostgreSQL COPY (helpers
shared with `practices.bench`), one course's learners in one transaction: a course already
holding its share of enrolments is skipped, so a second run adds nothing and a larger scale adds
only the missing learners. The bench login user learns the first courses, so «Моё обучение» and
the lesson pages have something to show. The second verified bench user is a «Руководитель
(отчёты)» over the regions with the most bench users: the course reports are read as them.
"""

import random
import uuid
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Site

from academy.models import (
    AcademyIndexPage,
    Attempt,
    Certificate,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    ManagerScope,
    Quiz,
    TrackPage,
)
from academy.models.attempts import AttemptStatus
from academy.models.learning import EnrollmentStatus
from academy.models.pages import CourseFormat, EnrolmentMode, Level
from academy.models.positions import Position
from academy.models.quizzes import ReviewPolicy
from bench.distinct import MIN_DISTINCT, family, query_path, sampled, users_family, word_pairs
from portal.accounts import roles
from portal.bench import bench_users, login_user
from practices.bench import VOCABULARY, analyze, copy_rows, prose, reserve_ids

COURSES_AT_SCALE_1 = 300
ENROLMENTS_AT_SCALE_1 = 300_000
LESSONS_PER_COURSE = 12
# Learners finish 8 to 12 lessons (10 on average: 3,000,000 completions at scale 1).
FEWEST_LESSONS_DONE = 8
# Courses the login user learns: their lessons make the distinct lesson family.
OWN_COURSES = 40
PREFIX = "bench-course-"
TRACK_SLUG = "bench-track"
# Regions in the report manager's scope: courses × these regions make the distinct reports.
REPORT_REGIONS = 5
# The table whose bench rows tell the generator where to resume.
MAIN_MODEL = Enrollment

TOPICS = [
    "Бюджетный процесс", "Муниципальные закупки", "Работа с обращениями граждан",
    "Открытые данные", "Управление проектами", "Цифровые сервисы", "Земельные отношения",
    "Благоустройство", "Кадровое делопроизводство", "Антикоррупционная экспертиза",
]  # fmt: skip
HOURS = [4, 8, 16, 24, 36, 72]


def bench_courses():
    return CoursePage.objects.filter(slug__startswith=PREFIX)


def _track():
    track = TrackPage.objects.filter(slug=TRACK_SLUG).first()
    if track:
        return track
    index = AcademyIndexPage.objects.first()
    if index is None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default Wagtail site: run `manage.py migrate` first.")
        index = site.root_page.add_child(
            instance=AcademyIndexPage(title="Муниципальная академия", slug="academy-pages")
        )
    return index.add_child(
        instance=TrackPage(
            title="Нагрузочный трек", slug=TRACK_SLUG, summary="Курсы для нагрузочного теста."
        )
    )


def _make_courses(count, stdout):
    """The missing course pages and their lessons, through the Wagtail API."""
    existing = bench_courses().count()
    if existing >= count:
        return
    rng = random.Random(existing)
    track = _track()
    for number in range(existing + 1, count + 1):
        topic = rng.choice(TOPICS)
        course = track.add_child(
            instance=CoursePage(
                title=f"{topic}: курс № {number}",
                slug=f"{PREFIX}{number:03d}",
                summary=prose(rng, 16, VOCABULARY),
                level=rng.choice(Level.values),
                format=CourseFormat.SELF_PACED,
                hours=rng.choice(HOURS),
                enrolment_mode=EnrolmentMode.OPEN,
                audience=rng.sample(Position.values, 2),
            )
        )
        for lesson in range(1, LESSONS_PER_COURSE + 1):
            course.add_child(
                instance=LessonPage(
                    title=f"Урок {lesson}. {topic}",
                    slug=f"lesson-{lesson}",
                    module=f"Модуль {(lesson - 1) // 4 + 1}",
                    body=[("text", f"<p>{prose(rng, 40, VOCABULARY)}</p>")],
                )
            )
    stdout.write(f"academy: {count} bench course pages")


def _bench_quiz():
    quiz, _ = Quiz.objects.get_or_create(
        title="Бенчмарк: итоговый тест", defaults={"pass_mark": 70}
    )
    return quiz


def _learner_rows(course, lessons, learners, rng, context, now):
    """Enrolments, completions, attempts and certificates of `learners` on `course`."""
    enrolment_ids = reserve_ids(Enrollment, len(learners))
    rows = {"enrolments": [], "completions": [], "attempts": [], "certificates": []}
    for pk, (user, name) in zip(enrolment_ids, learners, strict=True):
        done = rng.randint(FEWEST_LESSONS_DONE, len(lessons))
        finished = done == len(lessons)
        started = now - timedelta(days=rng.randrange(1, 700))
        score = rng.randint(40, 100)
        rows["enrolments"].append(
            {
                "id": pk,
                "user_id": user,
                "course_id": course.pk,
                "status": EnrollmentStatus.COMPLETED if finished else EnrollmentStatus.ACTIVE,
                "created_at": started,
                "progress": done * 100 // len(lessons),
                "lessons_done": done,
                "best_score": score,
                "last_lesson_id": lessons[done - 1],
                "next_lesson_id": lessons[done] if done < len(lessons) else None,
                "completed_at": started + timedelta(days=30) if finished else None,
            }
        )
        rows["completions"] += [
            {"user_id": user, "lesson_id": lesson, "completed_at": started + timedelta(days=day)}
            for day, lesson in enumerate(lessons[:done])
        ]
        for number in range(1, rng.choice([1, 1, 2, 3]) + 1):
            rows["attempts"].append(
                {
                    "id": uuid.UUID(int=rng.getrandbits(128)),
                    "user_id": user,
                    "quiz_id": context["quiz"],
                    "course_id": course.pk,
                    "number": number,
                    "status": AttemptStatus.SUBMITTED,
                    "started_at": started + timedelta(days=20, hours=number),
                    "submitted_at": started + timedelta(days=20, hours=number, minutes=12),
                    "questions": [],
                    "pass_mark": 70,
                    "review_policy": ReviewPolicy.AFTER_SUBMIT,
                    "score": score,
                    "passed": score >= 70,
                }
            )
        if finished:
            rows["certificates"].append(
                {
                    "uuid": uuid.UUID(int=rng.getrandbits(128)),
                    "number": f"BENCH-{pk:010d}",
                    "user_id": user,
                    "course_id": course.pk,
                    "holder_name": name,
                    "title": course.title,
                    "hours": course.hours,
                    "issued_on": (started + timedelta(days=30)).date(),
                }
            )
    return rows


def _fill_course(course, per_course, rng, context, now):
    enrolled = set(Enrollment.objects.filter(course=course).values_list("user_id", flat=True))
    if len(enrolled) >= per_course:
        return 0
    candidates = [learner for learner in context["users"] if learner[0] not in enrolled]
    learners = rng.sample(candidates, min(per_course - len(enrolled), len(candidates)))
    own = context["login"]
    if course.pk in context["own_courses"] and own[0] not in enrolled and own not in learners:
        learners[:1] = [own]
    lessons = list(
        LessonPage.objects.child_of(course).order_by("path").values_list("pk", flat=True)
    )
    rows = _learner_rows(course, lessons, learners, rng, context, now)
    with transaction.atomic():
        copy_rows(Enrollment, rows["enrolments"])
        copy_rows(LessonCompletion, rows["completions"])
        copy_rows(Attempt, rows["attempts"])
        copy_rows(Certificate, rows["certificates"])
    return len(learners)


def report_manager():
    """The bench user who reads the course reports (made a manager by `generate`)."""
    return bench_users().filter(is_verified=True).order_by("pk")[1]


def _make_report_manager():
    """A «Руководитель (отчёты)» over the REPORT_REGIONS regions with the most bench users."""
    manager = report_manager()
    manager.groups.add(Group.objects.get(name=roles.ACADEMY_MANAGER))
    if ManagerScope.objects.filter(user=manager).exists():
        return
    busiest = (
        bench_users()
        .values("municipality__region")
        .annotate(people=Count("pk"))
        .order_by("-people", "municipality__region")[:REPORT_REGIONS]
    )
    ManagerScope.objects.bulk_create(
        ManagerScope(user=manager, region_id=row["municipality__region"]) for row in busiest
    )


def report_regions():
    return list(
        ManagerScope.objects.filter(user=report_manager(), region__isnull=False)
        .order_by("region_id")
        .values_list("region_id", flat=True)
    )


def generate(scale, stdout):
    _make_report_manager()
    courses = max(2, round(COURSES_AT_SCALE_1 * scale))
    _make_courses(courses, stdout)
    per_course = max(1, round(ENROLMENTS_AT_SCALE_1 * scale) // courses)
    user = login_user()
    context = {
        "users": [
            (pk, f"{last} {first} {patronymic}".strip())
            for pk, last, first, patronymic in bench_users().values_list(
                "pk", "last_name", "first_name", "patronymic"
            )
        ],
        "login": (user.pk, f"{user.last_name} {user.first_name} {user.patronymic}".strip()),
        "own_courses": set(
            bench_courses().order_by("path").values_list("pk", flat=True)[:OWN_COURSES]
        ),
        "quiz": _bench_quiz().pk,
    }
    now = timezone.now()
    added = 0
    for number, course in enumerate(bench_courses().order_by("path"), start=1):
        added += _fill_course(course, per_course, random.Random(number), context, now)
    stdout.write(f"academy: {added} new enrolments on {courses} bench courses")
    if added:
        analyze(Enrollment, LessonCompletion, Attempt, Certificate)


def _first_lesson_path():
    course = bench_courses().order_by("path").first()
    return LessonPage.objects.child_of(course).order_by("path").first().url


def _first_certificate_path():
    certificate = Certificate.objects.filter(number__startswith="BENCH-").order_by("pk").first()
    return f"/academy/certificates/{certificate.uuid}/"


def _report_path(course_id, region_id):
    """A course's report drilled down to one region: its municipalities with their counts."""
    return f"/academy/reports/?course={course_id}&region={region_id}"


def bench_urls():
    course = bench_courses().order_by("path").values_list("pk", flat=True).first()
    return [
        ("academy: catalogue, guest", "/academy/", False),
        ("academy: my learning", "/academy/my/", True),
        ("academy: lesson page", _first_lesson_path(), True),
        ("academy: certificate verification", _first_certificate_path(), False),
        (
            "academy: course report for a region",
            _report_path(course, report_regions()[0]),
            report_manager().email,
        ),
    ]


BENCH_URLS = bench_urls
BENCH_TARGETS = {
    "academy: catalogue, guest": 0.30,
    "academy: my learning": 0.10,
    "academy: lesson page": 0.10,
    "academy: certificate verification": 0.30,
    "academy: course report for a region": 0.03,
}


def _facet_combinations(rng, count):
    """Two to four of the catalogue's filters (names of CourseFilter's fields)."""
    words = VOCABULARY
    choices = [
        lambda: f"level={rng.choice(Level.values)}",
        lambda: f"format={rng.choice(CourseFormat.values)}",
        lambda: f"hours={rng.choice(['8', '16', '36', '72'])}",
        lambda: f"audience={rng.choice(Position.values)}",
        lambda: f"q={rng.choice(words)}",
    ]
    combinations = set()
    for _ in range(count * 20):
        picked = rng.sample(choices, rng.randint(2, 4))
        combinations.add("&".join(sorted(make() for make in picked)))
        if len(combinations) >= count:
            break
    return sorted(combinations)


def _busiest_learners(count):
    """The e-mails of the bench users with the most courses: whose «Моё обучение» is longest."""
    return (
        bench_users()
        .annotate(courses=Count("enrollments"))
        .filter(courses__gt=0)
        .order_by("-courses", "pk")
        .values_list("email", flat=True)[:count]
    )


def bench_families():
    rng = random.Random(12)
    summaries = bench_courses().values_list("summary", flat=True)
    pairs = word_pairs(
        (prose(random.Random(n), 16, VOCABULARY) for n in range(MIN_DISTINCT * 2)), MIN_DISTINCT
    )
    own = CoursePage.objects.filter(enrollments__user=login_user(), slug__startswith=PREFIX)
    lesson_paths = [
        lesson.url
        for course in own.order_by("path")
        for lesson in LessonPage.objects.child_of(course).order_by("path")
    ]
    certificates = sampled(
        Certificate.objects.filter(number__startswith="BENCH-"), MIN_DISTINCT, seed=51
    )
    reports = [
        _report_path(course, region)
        for course in bench_courses().values_list("pk", flat=True)
        for region in report_regions()
    ]
    rng.shuffle(reports)
    return [
        family(
            "academy: catalogue, distinct filters",
            [f"/academy/?{query}" for query in _facet_combinations(rng, MIN_DISTINCT)]
            + [query_path("/academy/?q=", pair) for pair in word_pairs(summaries, 50)]
            + [query_path("/academy/?q=", pair) for pair in pairs],
        ),
        family("academy: lesson page, distinct", lesson_paths[: MIN_DISTINCT * 2], True),
        users_family(
            "academy: my learning, distinct learners",
            "/academy/my/",
            _busiest_learners(MIN_DISTINCT),
        ),
        family(
            "academy: certificate verification, distinct",
            [
                f"/academy/certificates/{uuid_}/"
                for uuid_ in certificates.values_list("uuid", flat=True)[:MIN_DISTINCT]
            ],
        ),
        family(
            "academy: course report for a region, distinct",
            reports[: MIN_DISTINCT * 2],
            report_manager().email,
        ),
    ]


BENCH_FAMILIES = bench_families
BENCH_DISTINCT_TARGETS = {
    "academy: catalogue, distinct filters": 0.05,
    "academy: lesson page, distinct": 0.10,
    "academy: my learning, distinct learners": 0.10,
    "academy: certificate verification, distinct": 0.30,
    "academy: course report for a region, distinct": 0.03,
}
BENCH_FIRST_TIME_MS = {"academy: catalogue, distinct filters": 150}

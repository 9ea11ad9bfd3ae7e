"""Enrolments, cohorts, lesson completion and the stored course progress."""

from itertools import groupby

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from academy.access import is_academy_admin
from academy.models.attempts import Attempt
from academy.models.certificates import Certificate
from academy.models.pages import CoursePage, EnrolmentMode
from academy.models.positions import positions_of
from academy.models.programmes import Programme
from academy.models.webinars import WebinarRegistration
from portal.notifications.services import notify


class Cohort(models.Model):
    """A «поток»: learners of a cohort course who start and finish on the same dates."""

    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="cohorts")
    title = models.CharField("название", max_length=200)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = "поток"
        verbose_name_plural = "потоки"

    def __str__(self):
        return f"{self.title} ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"


class EnrollmentStatus(models.TextChoices):
    REQUESTED = "requested", "заявка на рассмотрении"
    ACTIVE = "active", "учится"
    COMPLETED = "completed", "завершил"
    REJECTED = "rejected", "заявка отклонена"
    LEFT = "left", "покинул курс"


class EnrollmentError(Exception):
    """A rule forbids this enrolment step; the message is shown to the user."""


class EnrollmentQuerySet(models.QuerySet):
    def taken(self):
        """Enrolments that still hold a place: asked for, learning or completed. Leaving a
        course or a refused request frees the user to enrol again."""
        return self.exclude(status__in=[EnrollmentStatus.LEFT, EnrollmentStatus.REJECTED])

    def learning(self):
        return self.filter(status__in=[EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED])

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=EnrollmentStatus.ACTIVE, cohort__ends_on__lt=today)

    def for_people_of(self, scope_filter):
        return self.filter(scope_filter)

    def refresh_next_lessons(self):
        """Store every enrolment's next lesson again after its course's lessons changed
        (published, unpublished, moved or deleted): one query per course for the completions."""
        changed = []
        enrollments = self.select_related("course").order_by("course_id")
        for _, group in groupby(enrollments, key=lambda enrollment: enrollment.course_id):
            group = list(group)
            lessons = group[0].course.lessons
            done = {}
            for user_id, lesson_id in LessonCompletion.objects.filter(
                user_id__in=[enrollment.user_id for enrollment in group], lesson__in=lessons
            ).values_list("user_id", "lesson_id"):
                done.setdefault(user_id, set()).add(lesson_id)
            for enrollment in group:
                following = first_pending(lessons, done.get(enrollment.user_id, set()))
                if enrollment.next_lesson_id != (following and following.pk):
                    enrollment.next_lesson = following
                    changed.append(enrollment)
        self.model.objects.bulk_update(changed, ["next_lesson"], batch_size=1000)
        return len(changed)


def first_pending(lessons, done_ids):
    """The first of `lessons` (in the course's order) whose id is not in `done_ids`, or None."""
    return next((lesson for lesson in lessons if lesson.pk not in done_ids), None)


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrollments")
    cohort = models.ForeignKey(
        Cohort,
        verbose_name="поток",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    status = models.CharField(max_length=10, choices=EnrollmentStatus.choices, db_index=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Stored so that the catalogue, «Моё обучение» and reports never count completions per row.
    progress = models.PositiveSmallIntegerField("прогресс, %", default=0)
    lessons_done = models.PositiveSmallIntegerField(default=0)
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        "academy.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The first live lesson not done yet, None when all are: «Продолжить» reads it without
    # loading the course's lessons. Kept by refresh_progress() (every completion goes through
    # it) and by refresh_next_lessons() when the course's lessons change.
    next_lesson = models.ForeignKey(
        "academy.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = "запись на курс"
        verbose_name_plural = "записи на курсы"
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrollment_once")]
        indexes = [models.Index(fields=["course", "status"], name="enrollment_course_status")]

    def __str__(self):
        return f"{self.user} — {self.course}"

    @property
    def is_learning(self):
        return self.status in (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED)

    @property
    def deadline(self):
        return self.cohort.ends_on if self.cohort_id else None

    @classmethod
    def enrol(cls, user, course, *, by=None, cohort=None):
        """Enrol `user` as the course's mode allows; `by` is the academy administrator assigning.

        Open courses start at once, courses by request wait for approval, assigned-only courses
        accept only an administrator's assignment. Repeating the step changes nothing.
        """
        assigning = by is not None and is_academy_admin(by)
        if course.enrolment_mode == EnrolmentMode.ASSIGNED and not assigning:
            raise EnrollmentError("На этот курс записывает только администратор академии.")
        missing = course.prerequisites.exclude(
            enrollments__user=user, enrollments__status=EnrollmentStatus.COMPLETED
        )
        if not assigning and missing.exists():
            raise EnrollmentError("Сначала пройдите курсы: " + ", ".join(c.title for c in missing))
        starts = assigning or course.enrolment_mode == EnrolmentMode.OPEN
        status = EnrollmentStatus.ACTIVE if starts else EnrollmentStatus.REQUESTED
        with transaction.atomic():
            enrollment, created = cls.objects.select_for_update().get_or_create(
                user=user,
                course=course,
                defaults={
                    "status": status,
                    "cohort": cohort,
                    "assigned_by": by if assigning else None,
                },
            )
            if created:
                lessons, done = enrollment.lessons_and_done()
                enrollment.next_lesson = first_pending(lessons, done)
                enrollment.save(update_fields=["next_lesson"])
            elif enrollment.status in (
                EnrollmentStatus.LEFT,
                EnrollmentStatus.REJECTED,
            ):
                enrollment.status = status
                enrollment.cohort = cohort or enrollment.cohort
                enrollment.save(update_fields=["status", "cohort"])
            elif assigning and enrollment.status == EnrollmentStatus.REQUESTED:
                enrollment.approve(by)
        return enrollment

    def approve(self, by):
        if self.status != EnrollmentStatus.REQUESTED:
            return False
        self.status, self.decided_by = EnrollmentStatus.ACTIVE, by
        self.save(update_fields=["status", "decided_by"])
        self._tell(f"Заявка на курс «{self.course.title}» одобрена.")
        return True

    def reject(self, by):
        if self.status != EnrollmentStatus.REQUESTED:
            return False
        self.status, self.decided_by = EnrollmentStatus.REJECTED, by
        self.save(update_fields=["status", "decided_by"])
        self._tell(f"Заявка на курс «{self.course.title}» отклонена.")
        return True

    def leave(self):
        if self.status not in (EnrollmentStatus.ACTIVE, EnrollmentStatus.REQUESTED):
            return False
        self.status = EnrollmentStatus.LEFT
        self.save(update_fields=["status"])
        return True

    def _tell(self, text):
        notify(self.user, "academy.enrollment", text, link=self.course.url or "/academy/my/")

    @property
    def continue_lesson(self):
        """The lesson «Продолжить» opens: the first not done; the last opened one when all are."""
        return self.next_lesson if self.next_lesson_id else self.last_lesson

    def lessons_and_done(self):
        """The course's live lessons in order, and the ids of those the learner has done."""
        lessons = self.course.lessons
        done = LessonCompletion.objects.filter(user_id=self.user_id, lesson__in=lessons)
        return lessons, set(done.values_list("lesson_id", flat=True))

    def completion_rule_met(self):
        required = self.course.required_lesson_ids
        done = LessonCompletion.objects.filter(user_id=self.user_id, lesson_id__in=required).count()
        if done < len(required):
            return False
        if (
            self.course.final_quiz_id
            and not Attempt.objects.filter(
                user_id=self.user_id,
                course=self.course,
                quiz_id=self.course.final_quiz_id,
                passed=True,
            ).exists()
        ):
            return False
        return (
            not self.course.requires_webinar
            or WebinarRegistration.objects.filter(
                user_id=self.user_id, webinar__course=self.course, attended=True
            ).exists()
        )

    def refresh_progress(self):
        """Recount the stored progress and the next lesson; once the rule is met, issue the
        certificate."""
        lessons, done = self.lessons_and_done()
        self.lessons_done = len(done)
        self.next_lesson = first_pending(lessons, done)
        scores = Attempt.objects.filter(user_id=self.user_id, course=self.course).exclude(
            score=None
        )
        self.best_score = scores.aggregate(best=models.Max("score"))["best"]
        self.progress = round(100 * self.lessons_done / len(lessons)) if lessons else 0
        if self.status == EnrollmentStatus.ACTIVE and self.completion_rule_met():
            self.status, self.completed_at, self.progress = (
                EnrollmentStatus.COMPLETED,
                timezone.now(),
                100,
            )
        self.save(
            update_fields=[
                "lessons_done",
                "next_lesson",
                "best_score",
                "progress",
                "status",
                "completed_at",
            ]
        )
        if self.status == EnrollmentStatus.COMPLETED:
            self.issue_certificates()
        return self

    def lock(self):
        """Lock this enrolment's row until the transaction ends (attempt limits count under it)."""
        return type(self).objects.select_for_update().get(pk=self.pk)

    def issue_certificates(self):
        """The course's certificate, then each programme's whose courses are now all completed."""
        certificate = Certificate.objects.issue_for_course(self)
        programmes = Programme.objects.filter(programme_courses__course=self.course_id).distinct()
        for programme in programmes:
            courses = programme.courses()
            done = Enrollment.objects.filter(
                user_id=self.user_id, course__in=courses, status=EnrollmentStatus.COMPLETED
            ).count()
            if courses and done == len(courses):
                Certificate.objects.issue_for_programme(self.user, programme)
        return certificate


class LessonCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(
        "academy.LessonPage", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_completed_once")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.lesson_id}"

    @classmethod
    def mark(cls, enrollment, lesson):
        """Record `lesson` as done: the one way a completion is written, so the enrolment's
        stored progress and next lesson always follow it. Repeating it changes nothing."""
        with transaction.atomic():
            # Under the row lock two lessons marked at once cannot both count one completion.
            enrollment.refresh_from_db(from_queryset=type(enrollment).objects.select_for_update())
            cls.objects.get_or_create(user_id=enrollment.user_id, lesson=lesson)
            enrollment.last_lesson = lesson
            enrollment.save(update_fields=["last_lesson"])
            return enrollment.refresh_progress()


class ManagerScope(models.Model):
    """The territory whose people a «Руководитель (отчёты)» sees: a region or a municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="academy_scopes"
    )
    region = models.ForeignKey(
        "municipalities.Region", null=True, blank=True, on_delete=models.CASCADE
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", null=True, blank=True, on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = "зона отчётов руководителя"
        verbose_name_plural = "зоны отчётов руководителей"
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=True) ^ Q(municipality__isnull=True),
                name="scope_region_xor_municipality",
            )
        ]

    def __str__(self):
        return str(self.municipality or self.region)

    def people_filter(self, prefix="user__"):
        if self.region_id:
            return Q(**{f"{prefix}municipality__region_id": self.region_id})
        return Q(**{f"{prefix}municipality__lineage__contains": [self.municipality_id]})


def recommended_courses(user):
    """Live public courses addressed to the user's position that they have not taken up,
    newest first; none for a user whose profile names no known position."""
    positions = positions_of(user.position)
    if not positions:
        return CoursePage.objects.none()
    taken = Enrollment.objects.taken().filter(user=user, course=OuterRef("pk"))
    return (
        CoursePage.objects.live()
        .public()
        .filter(audience__overlap=positions)
        .exclude(Exists(taken))
        .order_by("-first_published_at", "-pk")
    )

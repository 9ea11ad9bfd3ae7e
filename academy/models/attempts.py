"""Quiz attempts graded on the server from a frozen snapshot, with a server clock.

Integrity rules:
- starting an attempt locks the learner's enrolment row, so two tabs or a replayed request never
  create more attempts than the limit, and an attempt still running is returned, not restarted;
- the questions and options are stored in the attempt as shown; grading reads only the snapshot;
- answers saved after the deadline plus GRACE are ignored: a late attempt is graded as of
  the deadline;
- a submitted attempt never changes again; every step is appended to AttemptEvent.
"""

import random
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from academy.models.quizzes import ReviewPolicy, grade

GRACE = timedelta(seconds=30)


class AttemptError(Exception):
    """The attempt cannot be started; the message is shown to the learner."""


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "идёт"
    SUBMITTED = "submitted", "отправлена"


class Accommodation(models.Model):
    """Extra time and attempts an administrator grants one learner on one quiz."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quiz = models.ForeignKey(
        "academy.Quiz", on_delete=models.CASCADE, related_name="accommodations"
    )
    extra_minutes = models.PositiveSmallIntegerField("дополнительное время, минут", default=0)
    extra_attempts = models.PositiveSmallIntegerField("дополнительные попытки", default=0)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField("назначено", default=timezone.now)

    class Meta:
        verbose_name = "индивидуальные условия"
        verbose_name_plural = "индивидуальные условия"
        constraints = [models.UniqueConstraint(fields=["user", "quiz"], name="accommodation_once")]

    def __str__(self):
        return f"+{self.extra_minutes} мин, +{self.extra_attempts} попыток"

    @classmethod
    def grant(cls, user, quiz, *, extra_minutes, extra_attempts, by):
        """Set the learner's conditions on the quiz (one row per learner and quiz, so a repeated
        form changes nothing) and write the change to the admin log with who made it."""
        accommodation, created = cls.objects.update_or_create(
            user=user,
            quiz=quiz,
            defaults={
                "extra_minutes": extra_minutes,
                "extra_attempts": extra_attempts,
                "granted_by": by,
                "granted_at": timezone.now(),
            },
        )
        LogEntry.objects.log_actions(
            by.pk,
            [accommodation],
            ADDITION if created else CHANGE,
            change_message=(
                f"{user.email}, тест «{quiz.title}»: +{extra_minutes} мин, "
                f"+{extra_attempts} попыток"
            ),
            single_object=True,
        )
        return accommodation


class AttemptQuerySet(models.QuerySet):
    def of(self, user, quiz, course):
        return self.filter(user=user, quiz=quiz, course=course)


class Attempt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quiz = models.ForeignKey("academy.Quiz", on_delete=models.PROTECT, related_name="attempts")
    course = models.ForeignKey("academy.CoursePage", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    questions = models.JSONField("вопросы, как их увидел слушатель")
    answers = models.JSONField(default=dict)
    pass_mark = models.PositiveSmallIntegerField()
    review_policy = models.CharField(max_length=20, choices=ReviewPolicy.choices)
    score = models.PositiveSmallIntegerField("результат, %", null=True, blank=True)
    passed = models.BooleanField(default=False)
    late = models.BooleanField("отправлена после срока", default=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = "попытка"
        verbose_name_plural = "попытки"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "course", "number"], name="attempt_number_once"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz", "course"],
                condition=Q(status="in_progress"),
                name="one_running_attempt",
            ),
        ]

    def __str__(self):
        return f"{self.quiz_id}: попытка {self.number}"

    @classmethod
    def allowed_attempts(cls, user, quiz):
        if not quiz.attempt_limit:
            return None
        extra = Accommodation.objects.filter(user=user, quiz=quiz).values_list(
            "extra_attempts", flat=True
        )
        return quiz.attempt_limit + sum(extra)

    @classmethod
    def start(cls, enrollment, quiz, now=None):
        """The running attempt, or a new one within the limit; the enrolment row is the lock."""
        now = now or timezone.now()
        with transaction.atomic():
            enrollment.lock()
            attempts = cls.objects.of(enrollment.user, quiz, enrollment.course)
            running = attempts.filter(status=AttemptStatus.IN_PROGRESS).first()
            if running and not running.expired(now):
                return running
            if running:
                running.submit({}, now=now)
            limit = cls.allowed_attempts(enrollment.user, quiz)
            used = attempts.count()
            if limit is not None and used >= limit:
                raise AttemptError("Попытки закончились.")
            minutes = quiz.time_limit_minutes
            if minutes:
                extra = Accommodation.objects.filter(user=enrollment.user, quiz=quiz).first()
                minutes += extra.extra_minutes if extra else 0
            attempt = cls.objects.create(
                user=enrollment.user,
                quiz=quiz,
                course=enrollment.course,
                number=used + 1,
                started_at=now,
                deadline=now + timedelta(minutes=minutes) if minutes else None,
                questions=cls.draw(quiz),
                pass_mark=quiz.pass_mark,
                review_policy=quiz.review_policy,
            )
            attempt.log("started", {"number": attempt.number}, now)
        return attempt

    @staticmethod
    def draw(quiz):
        questions = [question.snapshot() for question in quiz.questions.all()]
        rng = random.SystemRandom()
        if quiz.shuffle:
            rng.shuffle(questions)
            for question in questions:
                if question["kind"] in ("single", "multiple"):
                    rng.shuffle(question["options"])
        if quiz.draw_count and quiz.draw_count < len(questions):
            questions = questions[: quiz.draw_count]
        return questions

    def expired(self, now):
        return self.deadline is not None and now > self.deadline + GRACE

    def expired_now(self):
        return self.expired(timezone.now())

    def log(self, kind, data=None, now=None):
        AttemptEvent.objects.create(
            attempt=self, kind=kind, data=data or {}, at=now or timezone.now()
        )

    def _accept(self, answers, now):
        """Keep answers for known questions only, and only while the clock runs."""
        if self.expired(now):
            self.log("rejected_late_answers", {"questions": sorted(answers)}, now)
            return False
        known = {str(question["id"]) for question in self.questions}
        accepted = {key: list(value) for key, value in answers.items() if key in known}
        self.answers = {**self.answers, **accepted}
        self.log("answered", {"questions": sorted(accepted)}, now)
        return True

    def save_answers(self, answers, now=None):
        now = now or timezone.now()
        with transaction.atomic():
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            if locked.status != AttemptStatus.IN_PROGRESS:
                return locked
            if locked._accept(answers, now):
                locked.save(update_fields=["answers"])
        return locked

    def submit(self, answers, now=None):
        """Grade once; a second submit (another tab, a replay, the back button) changes nothing."""
        now = now or timezone.now()
        with transaction.atomic():
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            if locked.status != AttemptStatus.IN_PROGRESS:
                locked.log("resubmit_ignored", {}, now)
                return locked
            if answers:
                locked._accept(answers, now)
            locked.late = locked.expired(now)
            right = sum(grade(q, locked.answers.get(str(q["id"]))) for q in locked.questions)
            locked.score = round(100 * right / len(locked.questions)) if locked.questions else 0
            locked.passed = locked.score >= locked.pass_mark
            locked.status = AttemptStatus.SUBMITTED
            locked.submitted_at = min(now, locked.deadline) if locked.late else now
            locked.save()
            locked.log("submitted", {"score": locked.score, "late": locked.late}, now)
        return locked

    def show_key(self):
        """Whether the learner may see the right answers now (the quiz's review policy)."""
        if self.status != AttemptStatus.SUBMITTED or self.review_policy == ReviewPolicy.NEVER:
            return False
        if self.review_policy == ReviewPolicy.AFTER_SUBMIT:
            return True
        limit = type(self).allowed_attempts(self.user, self.quiz)
        used = type(self).objects.of(self.user_id, self.quiz_id, self.course_id).count()
        return self.passed or (limit is not None and used >= limit)

    def time_left(self, now=None):
        if self.deadline is None:
            return None
        return max(0, int((self.deadline - (now or timezone.now())).total_seconds()))

    def review(self):
        """Questions with the learner's answers and, when allowed, whether each was right."""
        show = self.show_key()
        rows = []
        for question in self.questions:
            answer = self.answers.get(str(question["id"]), [])
            rows.append(
                {
                    "question": question,
                    "answer": answer,
                    "right": grade(question, answer) if show else None,
                }
            )
        return rows


class AttemptEvent(models.Model):
    """Append-only: rows are never changed or deleted by the application."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    data = models.JSONField(default=dict)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "событие попытки"
        verbose_name_plural = "журнал попыток"

    def __str__(self):
        return self.kind

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The attempt log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The attempt log is append-only.")

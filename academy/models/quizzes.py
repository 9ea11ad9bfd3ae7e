"""Quizzes as snippets: a question bank, a draw of N questions, limits and a review policy.

A question is graded only from the snapshot an attempt stored when it began (see attempts.py),
so editing a question here never changes an old result.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class ReviewPolicy(models.TextChoices):
    AFTER_SUBMIT = "after_submit", "сразу после отправки"
    AFTER_DEADLINE = "after_deadline", "после окончания попыток"
    NEVER = "never", "никогда"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "один вариант"
    MULTIPLE = "multiple", "несколько вариантов"
    TRUE_FALSE = "true_false", "верно / неверно"
    SHORT_TEXT = "short_text", "короткий ответ"
    NUMBER = "number", "число"


class Quiz(ClusterableModel):
    title = models.CharField("название", max_length=200)
    draw_count = models.PositiveSmallIntegerField(
        "вопросов в попытке", default=0, help_text="0 — все вопросы банка."
    )
    shuffle = models.BooleanField("перемешивать вопросы и варианты", default=True)
    attempt_limit = models.PositiveSmallIntegerField(
        "попыток", default=3, help_text="0 — без ограничения."
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        "время на попытку, минут", default=0, help_text="0 — без ограничения."
    )
    pass_mark = models.PositiveSmallIntegerField("проходной балл, %", default=70)
    review_policy = models.CharField(
        "показывать правильные ответы",
        max_length=20,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.AFTER_SUBMIT,
    )

    panels = [
        "title",
        MultiFieldPanel(
            [
                FieldRowPanel(["draw_count", "shuffle"]),
                FieldRowPanel(["attempt_limit", "time_limit_minutes", "pass_mark"]),
                "review_policy",
            ],
            heading="Правила",
        ),
        InlinePanel("questions", heading="Банк вопросов", label="вопрос", min_num=1),
    ]

    class Meta:
        verbose_name = "тест"
        verbose_name_plural = "тесты"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.pass_mark > 100:
            raise ValidationError({"pass_mark": "Проходной балл — не больше 100 %."})


def _normalise(text):
    """Case, ё, quotes, punctuation and spacing do not make a short answer wrong."""
    text = (text or "").lower().replace("ё", "е")
    text = re.sub(r"[«»\"'.,;:!?()\-–—]", " ", text)
    return " ".join(text.split())


def _to_number(text):
    try:
        return Decimal(str(text).strip().replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        return None


class Question(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField("тип", max_length=12, choices=QuestionKind.choices)
    prompt = models.TextField("вопрос")
    choices = models.TextField(
        "варианты",
        blank=True,
        help_text="Для выбора: по одному в строке; правильные отметьте «*» в начале строки.",
    )
    accepted = models.TextField(
        "принимаемые ответы",
        blank=True,
        help_text="Короткий ответ: по одному в строке. Верно/неверно: «верно» или «неверно».",
    )
    number = models.DecimalField("число", max_digits=14, decimal_places=4, null=True, blank=True)
    tolerance = models.DecimalField(
        "допуск ±", max_digits=14, decimal_places=4, default=0, blank=True
    )
    explanation = models.TextField("пояснение к ответу", blank=True)

    panels = [
        FieldRowPanel(["kind"]),
        "prompt",
        FieldPanel("choices"),
        "accepted",
        FieldRowPanel(["number", "tolerance"]),
        "explanation",
    ]

    class Meta(Orderable.Meta):
        verbose_name = "вопрос"
        verbose_name_plural = "вопросы"

    def __str__(self):
        return self.prompt[:80]

    def clean(self):
        super().clean()
        options = self.parsed_choices()
        correct = [text for text, right in options if right]
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if len(options) < 2 or not correct:
                raise ValidationError(
                    {"choices": "Нужно не меньше двух вариантов и хотя бы один правильный."}
                )
            if self.kind == QuestionKind.SINGLE and len(correct) != 1:
                raise ValidationError(
                    {"choices": "В вопросе с одним вариантом правильный ровно один."}
                )
        elif self.kind == QuestionKind.TRUE_FALSE and _normalise(self.accepted) not in (
            "верно",
            "неверно",
        ):
            raise ValidationError({"accepted": "Напишите «верно» или «неверно»."})
        elif self.kind == QuestionKind.SHORT_TEXT and not self.accepted.strip():
            raise ValidationError({"accepted": "Укажите хотя бы один принимаемый ответ."})
        elif self.kind == QuestionKind.NUMBER and self.number is None:
            raise ValidationError({"number": "Укажите правильное число."})

    def parsed_choices(self):
        lines = [line.strip() for line in self.choices.splitlines() if line.strip()]
        return [(line.lstrip("*").strip(), line.startswith("*")) for line in lines]

    def snapshot(self):
        """The question as an attempt freezes it: text, options with ids and the key."""
        data = {
            "id": self.pk,
            "kind": self.kind,
            "prompt": self.prompt,
            "explanation": self.explanation,
        }
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = self.parsed_choices()
            data["options"] = [{"id": str(i), "text": text} for i, (text, _) in enumerate(options)]
            data["key"] = [str(i) for i, (_, right) in enumerate(options) if right]
        elif self.kind == QuestionKind.TRUE_FALSE:
            data["options"] = [{"id": "true", "text": "Верно"}, {"id": "false", "text": "Неверно"}]
            data["key"] = ["true" if _normalise(self.accepted) == "верно" else "false"]
        elif self.kind == QuestionKind.SHORT_TEXT:
            data["key"] = [_normalise(line) for line in self.accepted.splitlines() if line.strip()]
        else:
            data["key"] = [str(self.number), str(self.tolerance or 0)]
        return data


def grade(question, answer):
    """True when `answer` (a list of strings from the form) is right for a snapshot question."""
    kind, key = question["kind"], question["key"]
    answer = [value for value in (answer or []) if value != ""]
    if kind == QuestionKind.MULTIPLE:
        return sorted(answer) == sorted(key)
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        return answer == key
    if not answer:
        return False
    if kind == QuestionKind.SHORT_TEXT:
        return _normalise(answer[0]) in key
    value = _to_number(answer[0])
    expected, tolerance = Decimal(key[0]), Decimal(key[1])
    return value is not None and abs(value - expected) <= tolerance

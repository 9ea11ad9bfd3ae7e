"""What the dialog's forms share: comment length, the templated rejection reasons, plain text."""

from django import forms

from portal.models import Sphere
from portal.text import plain_text

COMMENT_MAX = 2000

# Templated reasons a moderator picks from; «другое» needs a comment.
REJECTION_REASONS = [
    ("", "— выберите причину —"),
    ("out_of_scope", "Не относится к вопросам местного самоуправления"),
    ("personal", "Содержит персональные данные или частный спор"),
    ("duplicate", "Дублирует уже опубликованную проблему"),
    ("no_problem", "Не описана проблема, нет предложения"),
    ("offensive", "Нарушает правила площадки"),
    ("other", "Другое (укажите в комментарии)"),
]


class DirectionField(forms.ModelChoiceField):
    """One of the 14 directions, picked from a list; what every dialog form asks the same way."""

    def __init__(self, label="Направление", **kwargs):
        super().__init__(
            label=label,
            queryset=Sphere.objects.directions(),
            empty_label="— выберите направление —",
            error_messages={
                "required": "Выберите направление.",
                "invalid_choice": "Выберите направление из списка.",
            },
            **kwargs,
        )


def clean_text(value, message, minimum=0):
    """Plain text of a field; `message` when it is shorter than `minimum`."""
    text = plain_text(value or "")
    if minimum and len(text) < minimum:
        raise forms.ValidationError(message)
    return text


def reasoned_comment(action, reason, comment):
    """The comment a transition logs: a rejection names its templated reason («другое» needs
    a comment), a return or «не может быть решена» needs a comment; ValidationError otherwise."""
    if action == "reject":
        if not reason:
            raise forms.ValidationError("Выберите причину отклонения.")
        if reason == "other" and not comment:
            raise forms.ValidationError("Опишите причину отклонения в комментарии.")
        label = dict(REJECTION_REASONS)[reason]
        if reason == "other":
            return comment
        return f"{label}. {comment}" if comment else label
    if action in ("return_to_author", "declare_unsolvable") and not comment:
        raise forms.ValidationError("Напишите автору, что нужно доработать или почему.")
    return comment

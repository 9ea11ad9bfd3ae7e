"""Forms of the chat-bot and of consultations."""

import uuid

import nh3
from django import forms

from legal_vector.search.requisites import resolve
from portal.search import MAX_QUERY_LENGTH

QUESTION_MAX = 4000
ANSWER_MAX = 20000
MAX_LAWYER_CITATIONS = 10


def clean_text(value):
    """Plain text only: markup typed by users is removed, not rendered."""
    return nh3.clean(value, tags=set()).strip()


class AskForm(forms.Form):
    q = forms.CharField(
        label="Ваш вопрос",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Напишите вопрос.",
            "max_length": "Вопрос слишком длинный: не больше %(limit_value)d символов.",
        },
    )

    def clean_q(self):
        question = clean_text(self.cleaned_data["q"])
        if len(question) < 3:
            raise forms.ValidationError("Вопрос слишком короткий.")
        return question


class ConsultationForm(forms.Form):
    question = forms.CharField(
        label="Вопрос юристу",
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Опишите ситуацию без персональных данных жителей.",
        error_messages={
            "required": "Опишите вопрос.",
            "max_length": "Не больше %(limit_value)d символов.",
        },
    )
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean_question(self):
        question = clean_text(self.cleaned_data["question"])
        if len(question) < 10:
            raise forms.ValidationError("Опишите вопрос подробнее: хотя бы 10 символов.")
        return question


class CitationLinesField(forms.CharField):
    """One citation per line («ч. 1 ст. 14 131-ФЗ»), each resolved to a unit of the base."""

    def clean(self, value):
        value = super().clean(value)
        units, unknown = [], []
        lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
        if len(lines) > MAX_LAWYER_CITATIONS:
            raise forms.ValidationError(f"Не больше {MAX_LAWYER_CITATIONS} ссылок.")
        for line in lines:
            _, _, unit = resolve(line)
            (units if unit is not None else unknown).append(unit or line)
        if unknown:
            raise forms.ValidationError(
                "Не нашли в базе: " + "; ".join(unknown) + ". Пишите как «ч. 1 ст. 14 131-ФЗ»."
            )
        return units


class LawyerAnswerForm(forms.Form):
    answer = forms.CharField(
        label="Ответ",
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Напишите ответ."},
    )
    citations = CitationLinesField(
        label="Нормы, на которые опирается ответ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="По одной на строке, например «ч. 1 ст. 14 131-ФЗ».",
    )

    def clean_answer(self):
        return clean_text(self.cleaned_data["answer"])


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Оценка ответа",
        choices=[(str(n), str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите оценку от 1 до 5."},
    )


class PublishForm(forms.Form):
    question = forms.CharField(
        label="Вопрос (без имён и названий)",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answer = forms.CharField(
        label="Ответ (без имён и названий)",
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_question(self):
        return clean_text(self.cleaned_data["question"])

    def clean_answer(self):
        return clean_text(self.cleaned_data["answer"])

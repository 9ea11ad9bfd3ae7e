"""Forms of the chat-bot and of consultations."""

from django import forms

from legal_vector.search.requisites import resolve
from portal.submissions import SubmitOnceForm
from portal.text import plain_text

# A question to the bot may be a real paragraph; retrieval reads only its first words.
ASK_MAX = 1000
QUESTION_MAX = 4000
ANSWER_MAX = 20000
MAX_LAWYER_CITATIONS = 10
ANSWER_REQUIRED = "Напишите ответ."
PUBLISH_QUESTION_REQUIRED = "Напишите обезличенный вопрос."


def required_text(value, message):
    """`plain_text`, refusing text that was nothing but markup."""
    text = plain_text(value)
    if not text:
        raise forms.ValidationError(message)
    return text


class AskForm(forms.Form):
    q = forms.CharField(
        label="Ваш вопрос",
        max_length=ASK_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Напишите вопрос.",
            "max_length": "Вопрос слишком длинный: не больше %(limit_value)d символов.",
        },
    )

    def clean_q(self):
        question = plain_text(self.cleaned_data["q"])
        if len(question) < 3:
            raise forms.ValidationError("Вопрос слишком короткий.")
        return question


class ConsultationForm(SubmitOnceForm):
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

    def clean_question(self):
        question = plain_text(self.cleaned_data["question"])
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
        error_messages={
            "required": ANSWER_REQUIRED,
            "max_length": "Не больше %(limit_value)d символов.",
        },
    )
    citations = CitationLinesField(
        label="Нормы, на которые опирается ответ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="По одной на строке, например «ч. 1 ст. 14 131-ФЗ».",
    )

    def clean_answer(self):
        return required_text(self.cleaned_data["answer"], ANSWER_REQUIRED)


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
        error_messages={
            "required": PUBLISH_QUESTION_REQUIRED,
            "max_length": "Вопрос для базы — не больше %(limit_value)d символов.",
        },
    )
    answer = forms.CharField(
        label="Ответ (без имён и названий)",
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": ANSWER_REQUIRED,
            "max_length": "Не больше %(limit_value)d символов.",
        },
    )

    def clean_question(self):
        return required_text(self.cleaned_data["question"], PUBLISH_QUESTION_REQUIRED)

    def clean_answer(self):
        return required_text(self.cleaned_data["answer"], ANSWER_REQUIRED)

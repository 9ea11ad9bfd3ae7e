"""Writing a problem: the common fields, the direction's extra questions, co-authors, norms."""

from django import forms

from dialog.forms.base import DirectionField, clean_text
from dialog.models import ProblemLevel
from legal_vector.bot.forms import CitationLinesField
from portal.accounts.models import User
from portal.submissions import SubmitOnceForm
from portal.text import plain_text
from portal.uploads import check_attachment

MAX_COAUTHORS = 10


class ProblemForm(SubmitOnceForm, forms.Form):
    direction = DirectionField()
    title = forms.CharField(
        label="Суть проблемы",
        max_length=200,
        help_text="Одной фразой, например «Нет средств на содержание бесхозяйных сетей».",
        error_messages={
            "required": "Сформулируйте суть проблемы.",
            "max_length": "Не больше 200 символов.",
        },
    )
    description = forms.CharField(
        label="Описание",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Опишите проблему.",
            "max_length": "Не больше 10 000 символов.",
        },
    )
    consequences = forms.CharField(
        label="К чему это приводит",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposed_solution = forms.CharField(
        label="Что предлагаете изменить",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Какую норму или порядок изменить и как.",
    )
    level = forms.ChoiceField(
        label="Где, по-вашему, её можно решить",
        choices=ProblemLevel.choices,
        initial=ProblemLevel.FEDERAL,
    )
    coauthors = forms.CharField(
        label="Соавторы из других муниципалитетов",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E-mail коллег по одному на строке; они подтвердят участие.",
    )
    citations = CitationLinesField(
        label="Нормы, которых касается проблема",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="По одной на строке, например «ч. 1 ст. 14 131-ФЗ».",
    )
    attachment = forms.FileField(
        label="Вложение",
        required=False,
        help_text="PDF, PNG, JPEG, DOCX или XLSX до 10 МБ.",
    )

    def __init__(self, *args, direction=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(direction.dialog_questions.all()) if direction else []
        for question in self.questions:
            self.fields[question.field_name] = forms.CharField(
                label=question.text,
                help_text=question.help_text,
                required=question.is_required,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": "Ответьте на вопрос направления."},
            )

    def clean_title(self):
        return clean_text(self.cleaned_data["title"], "Суть проблемы слишком короткая.", 10)

    def clean_description(self):
        return clean_text(
            self.cleaned_data["description"], "Опишите проблему подробнее: хотя бы 30 символов.", 30
        )

    def clean_consequences(self):
        return clean_text(self.cleaned_data["consequences"], "")

    def clean_proposed_solution(self):
        return clean_text(self.cleaned_data["proposed_solution"], "")

    def clean_coauthors(self):
        emails = [
            line.strip().lower()
            for line in self.cleaned_data["coauthors"].splitlines()
            if line.strip()
        ]
        if len(emails) > MAX_COAUTHORS:
            raise forms.ValidationError(f"Не больше {MAX_COAUTHORS} соавторов.")
        users = list(User.objects.filter(email__in=emails, is_active=True, is_verified=True))
        missing = sorted(set(emails) - {user.email.lower() for user in users})
        if missing:
            raise forms.ValidationError(
                "Не нашли подтверждённых служащих с адресами: " + ", ".join(missing) + "."
            )
        return users

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.cleaned_data["attachment_kind"] = check_attachment(upload)
        return upload

    def clean(self):
        data = super().clean()
        data["extra_answers"] = {
            str(q.pk): plain_text(data.get(q.field_name) or "") for q in self.questions
        }
        return data

    @classmethod
    def initial_for(cls, problem):
        initial = {
            name: getattr(problem, name)
            for name in ("title", "description", "consequences", "proposed_solution", "level")
        }
        initial["direction"] = problem.direction_id
        for key, value in problem.extra_answers.items():
            initial[f"extra_{key}"] = value
        initial["citations"] = "\n".join(
            c.label for c in problem.citations.filter(answer__isnull=True)
        )
        return initial

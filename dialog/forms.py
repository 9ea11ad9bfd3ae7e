"""Forms of the dialog: writing a problem, acting on it, answering, rating."""

from django import forms

from dialog.models import Cluster, Problem, ProblemLevel
from legal_vector.bot.forms import CitationLinesField
from portal.accounts.models import User
from portal.models import Sphere
from portal.submissions import SubmitOnceForm
from portal.text import plain_text
from portal.uploads import check_attachment

COMMENT_MAX = 2000
MAX_COAUTHORS = 10

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


def _text(value, message, minimum=0):
    text = plain_text(value or "")
    if minimum and len(text) < minimum:
        raise forms.ValidationError(message)
    return text


class ProblemForm(SubmitOnceForm, forms.Form):
    direction = forms.ModelChoiceField(
        label="Направление",
        queryset=Sphere.objects.directions(),
        empty_label="— выберите направление —",
        error_messages={
            "required": "Выберите направление.",
            "invalid_choice": "Выберите направление из списка.",
        },
    )
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
        return _text(self.cleaned_data["title"], "Суть проблемы слишком короткая.", 10)

    def clean_description(self):
        return _text(
            self.cleaned_data["description"], "Опишите проблему подробнее: хотя бы 30 символов.", 30
        )

    def clean_consequences(self):
        return _text(self.cleaned_data["consequences"], "")

    def clean_proposed_solution(self):
        return _text(self.cleaned_data["proposed_solution"], "")

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


class ActionForm(forms.Form):
    """A transition requested from the problem page; `status` is the state the page showed."""

    status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Комментарий",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.ChoiceField(label="Причина", required=False, choices=REJECTION_REASONS)

    def clean_comment(self):
        return plain_text(self.cleaned_data["comment"])

    def comment_for(self, action):
        """The logged comment; a rejection needs a templated reason, «другое» a comment."""
        data = self.cleaned_data
        return reasoned_comment(action, data.get("reason"), data["comment"])


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


class AnswerForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        label="Официальный ответ",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Напишите ответ."},
    )
    citations = CitationLinesField(
        label="Нормы, на которые опирается ответ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="По одной на строке, например «ч. 1 ст. 14 131-ФЗ».",
    )

    def clean_text(self):
        return _text(self.cleaned_data["text"], "Напишите ответ.", 1)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Оценка ответа",
        choices=[(str(n), str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите оценку от 1 до 5."},
    )


class ReviewForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Почему ответ нужно пересмотреть",
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Напишите, почему ответ нужно пересмотреть."},
    )

    def clean_reason(self):
        return _text(self.cleaned_data["reason"], "Напишите, почему ответ нужно пересмотреть.", 10)


class MergeForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    target = forms.IntegerField(
        label="Номер проблемы, с которой объединить",
        min_value=1,
        error_messages={
            "required": "Укажите номер проблемы.",
            "invalid": "Укажите номер проблемы.",
        },
    )
    comment = forms.CharField(label="Комментарий", required=False, max_length=COMMENT_MAX)

    def clean_target(self):
        target = Problem.objects.filter(pk=self.cleaned_data["target"]).first()
        if target is None:
            raise forms.ValidationError("Такой проблемы нет.")
        return target


class ReassignForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    expert = forms.ModelChoiceField(label="Эксперт", queryset=User.objects.none())

    def __init__(self, *args, problem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = User.objects.filter(
            dialog_directions__direction_id=problem.direction_id, is_active=True
        ).order_by("last_name", "pk")


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Служебная заметка",
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Напишите заметку."},
    )

    def clean_text(self):
        return _text(self.cleaned_data["text"], "Напишите заметку.", 1)


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label="Этап", max_length=200, error_messages={"required": "Назовите этап."}
    )
    due_on = forms.DateField(
        label="Срок",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Укажите срок.", "invalid": "Дата в формате ДД.ММ.ГГГГ."},
    )
    progress = forms.IntegerField(label="Готовность, %", min_value=0, max_value=100, initial=0)

    def clean_title(self):
        return _text(self.cleaned_data["title"], "Назовите этап.", 1)


class ClusterForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label="Проблемный узел",
        queryset=Cluster.objects.all(),
        required=False,
        empty_label="— без узла —",
    )


class SplitForm(SubmitOnceForm, forms.Form):
    """The part a moderator makes a separate problem of; `status` and `seen` are the state and
    the last change of the problem the page showed."""

    status = forms.CharField(widget=forms.HiddenInput)
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    direction = forms.ModelChoiceField(
        label="Направление новой проблемы",
        queryset=Sphere.objects.directions(),
        empty_label="— выберите направление —",
        error_messages={
            "required": "Выберите направление.",
            "invalid_choice": "Выберите направление из списка.",
        },
    )
    title = forms.CharField(
        label="Суть новой проблемы",
        max_length=200,
        error_messages={
            "required": "Сформулируйте суть новой проблемы.",
            "max_length": "Не больше 200 символов.",
        },
    )
    description = forms.CharField(
        label="Описание новой проблемы",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Перенесите сюда ту часть текста, которая относится к другой проблеме.",
        error_messages={
            "required": "Опишите новую проблему.",
            "max_length": "Не больше 10 000 символов.",
        },
    )
    proposed_solution = forms.CharField(
        label="Что предлагается изменить",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    remaining_description = forms.CharField(
        label="Описание исходной проблемы после разделения",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Оставьте как есть или уберите перенесённую часть.",
    )
    comment = forms.CharField(
        label="Почему разделяете (видно в ходе рассмотрения)",
        required=False,
        max_length=COMMENT_MAX,
    )

    def clean_title(self):
        return _text(self.cleaned_data["title"], "Суть проблемы слишком короткая.", 10)

    def clean_description(self):
        return _text(
            self.cleaned_data["description"], "Опишите проблему подробнее: хотя бы 30 символов.", 30
        )

    def clean_proposed_solution(self):
        return _text(self.cleaned_data["proposed_solution"], "")

    def clean_remaining_description(self):
        text = self.cleaned_data["remaining_description"]
        if not text.strip():
            return ""
        return _text(text, "Описание исходной проблемы должно быть не короче 30 символов.", 30)

    def clean_comment(self):
        return plain_text(self.cleaned_data["comment"])

    def part(self):
        data = self.cleaned_data
        return {
            name: data[name] for name in ("direction", "title", "description", "proposed_solution")
        }


class ClusterEditForm(SubmitOnceForm, forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["title", "summary"]
        labels = {"title": "Название узла", "summary": "Краткое описание"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {
                "required": "Назовите проблемный узел.",
                "max_length": "Не больше 200 символов.",
            }
        }

    def clean_title(self):
        title = _text(self.cleaned_data["title"], "Назовите проблемный узел.", 3)
        others = Cluster.objects.filter(title__iexact=title).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Узел с таким названием уже есть.")
        return title

    def clean_summary(self):
        return _text(self.cleaned_data["summary"], "")


class ClusterProblemForm(forms.Form):
    """Add a problem to a cluster by its number."""

    problem = forms.IntegerField(
        label="Номер проблемы",
        min_value=1,
        error_messages={
            "required": "Укажите номер проблемы.",
            "invalid": "Укажите номер проблемы цифрами.",
            "min_value": "Укажите номер проблемы цифрами.",
        },
    )

    def clean_problem(self):
        problem = Problem.objects.filter(pk=self.cleaned_data["problem"]).first()
        if problem is None:
            raise forms.ValidationError("Такой проблемы нет.")
        return problem


BULK_ACTIONS = [
    ("", "— выберите действие —"),
    ("publish", "Опубликовать"),
    ("return_to_author", "Вернуть на доработку"),
    ("reject", "Отклонить"),
    ("cluster", "Включить в проблемный узел"),
]


class BulkForm(forms.Form):
    """One moderator decision for the ticked problems of the moderation screen."""

    problems = forms.ModelMultipleChoiceField(
        label="Проблемы",
        queryset=Problem.objects.all(),
        error_messages={
            "required": "Отметьте хотя бы одну проблему.",
            "invalid_choice": "Одной из отмеченных проблем уже нет.",
            "invalid_pk_value": "Отметьте проблемы из списка.",
        },
    )
    action = forms.ChoiceField(
        label="Действие",
        choices=BULK_ACTIONS,
        error_messages={
            "required": "Выберите действие.",
            "invalid_choice": "Выберите действие из списка.",
        },
    )
    reason = forms.ChoiceField(
        label="Причина отклонения", required=False, choices=REJECTION_REASONS
    )
    comment = forms.CharField(label="Комментарий автору", required=False, max_length=COMMENT_MAX)
    cluster = forms.ModelChoiceField(
        label="Проблемный узел",
        queryset=Cluster.objects.all(),
        required=False,
        empty_label="— выберите узел —",
        error_messages={"invalid_choice": "Такого узла нет."},
    )

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "cluster":
            if not data.get("cluster"):
                self.add_error("cluster", "Выберите проблемный узел.")
        elif action:
            try:
                data["logged_comment"] = reasoned_comment(
                    action, data.get("reason"), plain_text(data.get("comment") or "")
                )
            except forms.ValidationError as error:
                self.add_error(None, error)
        return data

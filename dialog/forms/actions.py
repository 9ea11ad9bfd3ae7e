"""Acting on a problem from its page: transitions, answers, ratings, reviews, merges, experts,
notes and milestones."""

from django import forms

from dialog.forms.base import COMMENT_MAX, REJECTION_REASONS, clean_text, reasoned_comment
from dialog.models import Problem
from legal_vector.bot.forms import CitationLinesField
from portal.accounts.models import User
from portal.text import plain_text


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

    def cleanclean_text(self):
        return clean_text(self.cleaned_data["text"], "Напишите ответ.", 1)


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
        return clean_text(
            self.cleaned_data["reason"], "Напишите, почему ответ нужно пересмотреть.", 10
        )


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

    def cleanclean_text(self):
        return clean_text(self.cleaned_data["text"], "Напишите заметку.", 1)


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
        return clean_text(self.cleaned_data["title"], "Назовите этап.", 1)

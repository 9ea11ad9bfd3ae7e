"""The moderators' screens: splitting a problem, clusters, bulk actions on the list."""

from django import forms

from dialog.forms.base import (
    COMMENT_MAX,
    REJECTION_REASONS,
    DirectionField,
    clean_text,
    reasoned_comment,
)
from dialog.models import Cluster, Problem
from portal.submissions import SubmitOnceForm
from portal.text import plain_text


class SplitForm(SubmitOnceForm, forms.Form):
    """The part a moderator makes a separate problem of; `status` and `seen` are the state and
    the last change of the problem the page showed."""

    status = forms.CharField(widget=forms.HiddenInput)
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    direction = DirectionField("Направление новой проблемы")
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
        return clean_text(self.cleaned_data["title"], "Суть проблемы слишком короткая.", 10)

    def clean_description(self):
        return clean_text(
            self.cleaned_data["description"], "Опишите проблему подробнее: хотя бы 30 символов.", 30
        )

    def clean_proposed_solution(self):
        return clean_text(self.cleaned_data["proposed_solution"], "")

    def clean_remaining_description(self):
        text = self.cleaned_data["remaining_description"]
        if not text.strip():
            return ""
        return clean_text(text, "Описание исходной проблемы должно быть не короче 30 символов.", 30)

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
        title = clean_text(self.cleaned_data["title"], "Назовите проблемный узел.", 3)
        others = Cluster.objects.filter(title__iexact=title).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Узел с таким названием уже есть.")
        return title

    def clean_summary(self):
        return clean_text(self.cleaned_data["summary"], "")


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

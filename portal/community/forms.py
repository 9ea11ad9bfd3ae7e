"""Community forms: Russian messages, text kept on error; creating forms submit once."""

from django import forms

from portal.community.models import Frequency, ModerationCase, ModerationReason, ReportReason
from portal.community.models.comments import Comment
from portal.submissions import SubmitOnceForm

TEXT_ERRORS = {"required": "Напишите текст.", "max_length": "Не длиннее %(limit_value)d знаков."}


def _text_field(label, max_length=5000, rows=4):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages=TEXT_ERRORS,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class CommentForm(SubmitOnceForm):
    text = _text_field("Комментарий")
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Comment.objects.for_item(self.item).filter(pk=parent_id).first()
        if parent is None or not parent.can_reply():
            raise forms.ValidationError("На этот комментарий ответить нельзя.")
        return parent


class CommentEditForm(forms.Form):
    text = _text_field("Комментарий")


class ReportForm(SubmitOnceForm):
    reason = forms.ChoiceField(
        label="Причина",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите причину.", "invalid_choice": "Выберите причину."},
    )
    text = forms.CharField(
        label="Пояснение (необязательно)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QuestionForm(SubmitOnceForm):
    subject = forms.CharField(
        label="Тема", max_length=200, error_messages={"required": "Укажите тему."}
    )
    text = _text_field("Вопрос", rows=5)


class MessageForm(SubmitOnceForm):
    text = _text_field("Ответ")


class DecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    cases = forms.ModelMultipleChoiceField(
        queryset=ModerationCase.objects.open(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": "Отметьте хотя бы одно дело."},
    )
    decision = forms.ChoiceField(
        label="Решение",
        choices=[
            (APPROVE, "Одобрить / восстановить"),
            (REJECT, "Отклонить / оставить скрытым"),
        ],
        error_messages={"required": "Выберите решение."},
    )
    template = forms.ModelChoiceField(
        label="Готовая причина",
        queryset=ModerationReason.objects.all(),
        required=False,
        empty_label="— без шаблона —",
    )
    reason = forms.CharField(
        label="Причина для автора",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        template = data.get("template")
        reason = (data.get("reason") or "").strip() or (template.text if template else "")
        if data.get("decision") == self.REJECT and not reason:
            self.add_error("reason", "Объясните автору причину отказа или выберите шаблон.")
        data["reason"] = reason
        return data


class BlockForm(forms.Form):
    days = forms.IntegerField(
        label="Срок, дней",
        min_value=1,
        max_value=365,
        error_messages={
            "required": "Укажите срок.",
            "min_value": "Не меньше одного дня.",
            "max_value": "Не больше года.",
            "invalid": "Введите число дней.",
        },
    )
    reason = forms.CharField(
        label="Причина", max_length=1000, error_messages={"required": "Укажите причину."}
    )


class DigestChoicesForm(forms.Form):
    """One choice per community kind: instant e-mail, daily or weekly digest."""

    def __init__(self, *args, kinds, initial_choices, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in kinds.items():
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Frequency.choices,
                initial=initial_choices.get(kind, Frequency.INSTANT),
                widget=forms.RadioSelect,
                required=False,
            )

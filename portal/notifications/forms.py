from django import forms
from django.http import QueryDict

from portal.notifications.alerts import canonical_query
from portal.notifications.kinds import kind_choices
from portal.notifications.models import Alert

# An alert is the same whatever order its list is sorted in.
IGNORED_PARAMETERS = ("sort",)
MAX_ALERTS_PER_SERVICE = 50


class EmailSettingsForm(forms.Form):
    """One checkbox per registered kind of notification: send it by e-mail or not."""

    def __init__(self, *args, initial_choices, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in kind_choices():
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=initial_choices.get(kind, False)
            )

    def choices(self):
        return {kind: self.cleaned_data[kind] for kind, _ in kind_choices()}


class AlertForm(forms.ModelForm):
    """«Подписаться на эту подборку»: a title, how often, and the list's query (hidden), which
    is checked with the service's FilterSet and kept in its canonical form."""

    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    class Meta:
        model = Alert
        fields = ["title", "frequency", "query"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {"title": "Название подписки", "frequency": "Присылать письмо"}
        help_texts = {"title": "Так подписка будет называться в письмах и в личном кабинете."}
        error_messages = {
            "title": {
                "required": "Назовите подписку, чтобы узнать её в письмах.",
                "max_length": "Название длиннее 200 знаков: сократите его.",
            },
            "frequency": {
                "required": "Выберите, как часто присылать письма.",
                "invalid_choice": "Выберите, как часто присылать письма.",
            },
        }

    def __init__(self, *args, source, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.user = user

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Назовите подписку, чтобы узнать её в письмах.")
        return title

    def clean_query(self):
        filterset_class = self.source.filterset
        data = QueryDict(self.cleaned_data.get("query", ""))
        query = canonical_query(filterset_class, data, ignore=IGNORED_PARAMETERS)
        if not filterset_class.for_query(QueryDict(query)).is_valid():
            raise forms.ValidationError("Параметры фильтра неверны: вернитесь к списку.")
        return query

    def clean(self):
        cleaned = super().clean()
        alerts = Alert.objects.for_user(self.user).of(self.source.service)
        query = cleaned.get("query")
        is_new = query is not None and not alerts.filter(query=query).exists()
        if is_new and alerts.count() >= MAX_ALERTS_PER_SERVICE:
            raise forms.ValidationError(
                f"Можно сохранить не больше {MAX_ALERTS_PER_SERVICE} подписок в разделе: "
                "удалите ненужные в личном кабинете."
            )
        return cleaned

    def validate_unique(self):
        # One alert per user and query is kept by `AlertQuerySet.subscribe`, which returns the
        # existing one instead of refusing a resubmit.
        pass

    def subscribe(self):
        data = self.cleaned_data
        return Alert.objects.subscribe(
            self.user,
            self.source.service,
            data["query"],
            title=data["title"],
            frequency=data["frequency"],
        )

from django import forms

from portal.notifications.kinds import kind_choices


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

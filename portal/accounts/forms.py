from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.db import transaction

from portal.accounts.addresses import client_address
from portal.accounts.models import Interest, PersonalDataConsent, User
from portal.models import Sphere
from portal.municipalities.forms import MunicipalityField


def municipality_field():
    """The municipality chooser: a text field with autocomplete that works without JavaScript."""
    return MunicipalityField(
        label="Муниципальное образование",
        error_messages={"required": "Укажите муниципальное образование, в котором вы работаете."},
    )


PROFILE_ERRORS = {
    "last_name": {"required": "Укажите фамилию."},
    "first_name": {"required": "Укажите имя."},
    "position": {"required": "Укажите должность."},
}


class PortalSignupForm(SignupForm):
    last_name = forms.CharField(label="Фамилия", max_length=100)
    first_name = forms.CharField(label="Имя", max_length=100)
    patronymic = forms.CharField(label="Отчество", max_length=100, required=False)
    position = forms.CharField(label="Должность", max_length=200)
    municipality = municipality_field()
    phone = forms.CharField(label="Телефон", max_length=32, required=False)
    consent = forms.BooleanField(
        label="Я даю согласие на обработку моих персональных данных",
        error_messages={
            "required": "Без согласия на обработку персональных данных регистрация невозможна."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, messages in PROFILE_ERRORS.items():
            self.fields[name].error_messages.update(messages)
        self.policy_version = settings.PRIVACY_POLICY_VERSION

    @transaction.atomic
    def save(self, request):
        # Verification by e-mail domain waits for the address to be confirmed (see signals).
        user = super().save(request)
        PersonalDataConsent.objects.create(
            user=user,
            policy_version=self.policy_version,
            ip_address=client_address(request),
        )
        return user


class ProfileForm(forms.ModelForm):
    municipality = municipality_field()
    spheres = forms.ModelMultipleChoiceField(
        label="Сферы, в которых вы работаете",
        queryset=Sphere.objects.directions().order_by("order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Меры поддержки этих сфер поднимаются выше в подборке «Для меня».",
    )

    class Meta:
        model = User
        fields = ["last_name", "first_name", "patronymic", "position", "municipality", "phone"]
        error_messages = PROFILE_ERRORS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("last_name", "first_name", "position"):
            self.fields[name].required = True
        if self.instance.is_verified:
            # Verification vouches for this municipality; a move goes through a moderator.
            del self.fields["municipality"]
        if self.instance.pk and not self.is_bound:
            self.initial["spheres"] = sorted(Interest.objects.sphere_ids(self.instance))

    def save(self, commit=True):
        user = super().save(commit)
        if commit:
            Interest.replace_for(user, list(self.cleaned_data["spheres"]))
        return user


class DeletionRequestForm(forms.Form):
    password = forms.CharField(
        label="Текущий пароль",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Введите пароль, чтобы подтвердить запрос."},
    )
    reason = forms.CharField(
        label="Причина (необязательно)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Неверный пароль.")
        return password


class VerificationRequestForm(forms.Form):
    municipality = municipality_field()
    position = forms.CharField(
        label="Должность",
        max_length=200,
        error_messages={"required": "Укажите должность."},
    )
    comment = forms.CharField(
        label="Комментарий для модератора (необязательно)",
        help_text="Например, отдел и служебный телефон: так модератору проще проверить.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectionForm(forms.Form):
    note = forms.CharField(
        label="Причина отказа (её увидит пользователь)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Напишите причину: пользователь увидит её в уведомлении."},
    )

from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.db import transaction

from portal.accounts.models import EmailDomainAllowance, PersonalDataConsent
from portal.municipalities.models import Municipality


class PortalSignupForm(SignupForm):
    last_name = forms.CharField(label="Фамилия", max_length=100)
    first_name = forms.CharField(label="Имя", max_length=100)
    patronymic = forms.CharField(label="Отчество", max_length=100, required=False)
    position = forms.CharField(label="Должность", max_length=200)
    municipality = forms.ModelChoiceField(
        label="Муниципальное образование",
        queryset=Municipality.objects.select_related("region"),
        empty_label="— выберите —",
    )
    phone = forms.CharField(label="Телефон", max_length=32, required=False)
    consent = forms.BooleanField(
        label="Я даю согласие на обработку моих персональных данных",
        error_messages={
            "required": "Без согласия на обработку персональных данных регистрация невозможна."
        },
    )

    @transaction.atomic
    def save(self, request):
        user = super().save(request)
        PersonalDataConsent.objects.create(
            user=user,
            policy_version=settings.PRIVACY_POLICY_VERSION,
            ip_address=request.META.get("REMOTE_ADDR"),
        )
        if EmailDomainAllowance.allows(user.email, user.municipality):
            user.verify()
        return user

from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class SiteContacts(BaseSiteSetting):
    """Contacts shown in the footer of every page; editors change them in Wagtail settings."""

    DEFAULT_EMAIL = "support@municipalitety.local"
    DEFAULT_PHONE = "8 800 000-00-00"
    DEFAULT_PHONE_NOTE = "бесплатно по России"

    support_email = models.EmailField("e-mail службы поддержки", default=DEFAULT_EMAIL)
    phone = models.CharField("телефон", max_length=32, default=DEFAULT_PHONE)
    phone_note = models.CharField(
        "пояснение к телефону", max_length=100, blank=True, default=DEFAULT_PHONE_NOTE
    )
    working_hours = models.CharField("часы работы", max_length=100, blank=True)
    address = models.CharField("почтовый адрес", max_length=255, blank=True)

    class Meta:
        verbose_name = "контакты в подвале сайта"

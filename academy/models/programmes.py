"""Programmes («Школа мэров») and the editable certificate templates, both snippets."""

from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from academy.models.positions import PositionsField, positions_of


class CertificateTemplate(models.Model):
    title = models.CharField(
        "заголовок", max_length=120, default="Сертификат о прохождении обучения"
    )
    wording = models.TextField(
        "текст",
        default="подтверждает, что {name} успешно прошёл(а) обучение по курсу «{course}» "
        "в объёме {hours} академических часов.",
        help_text="Подстановки: {name}, {course}, {hours}.",
    )
    signatory_name = models.CharField("подписант", max_length=200, blank=True)
    signatory_title = models.CharField("должность подписанта", max_length=200, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="подпись",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="логотип",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = ["title", "wording", "signatory_name", "signatory_title", "signature", "logo"]

    class Meta:
        verbose_name = "шаблон сертификата"
        verbose_name_plural = "шаблоны сертификатов"

    def __str__(self):
        return self.title


class ProgrammeQuerySet(models.QuerySet):
    def for_position(self, position_text):
        """Programmes recommended or mandatory for a profile's free-text position."""
        positions = positions_of(position_text)
        if not positions:
            return self.none()
        return self.filter(
            models.Q(recommended_for__overlap=positions)
            | models.Q(mandatory_for__overlap=positions)
        )


class Programme(ClusterableModel):
    title = models.CharField("название", max_length=200)
    slug = models.SlugField("адрес", unique=True)
    summary = models.TextField("о программе")
    recommended_for = PositionsField(verbose_name="рекомендована для должностей")
    mandatory_for = PositionsField(verbose_name="обязательна для должностей")
    certificate_template = models.ForeignKey(
        CertificateTemplate,
        verbose_name="шаблон сертификата",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ProgrammeQuerySet.as_manager()

    panels = [
        "title",
        "slug",
        "summary",
        MultiFieldPanel(["recommended_for", "mandatory_for"], heading="Для кого"),
        FieldPanel("certificate_template"),
        InlinePanel("programme_courses", heading="Курсы по порядку", label="курс", min_num=1),
    ]

    class Meta:
        verbose_name = "программа"
        verbose_name_plural = "программы"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("academy:programme", args=[self.slug])

    def courses(self):
        return [link.course for link in self.programme_courses.select_related("course")]

    def fit_for(self, position_text):
        """«mandatory», «recommended» or None for a profile's free-text position."""
        positions = set(positions_of(position_text))
        if positions & set(self.mandatory_for):
            return "mandatory"
        if positions & set(self.recommended_for):
            return "recommended"
        return None

    @property
    def hours(self):
        return sum(course.hours for course in self.courses())


class ProgrammeCourse(Orderable):
    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="programme_courses")
    course = models.ForeignKey(
        "academy.CoursePage", verbose_name="курс", on_delete=models.CASCADE, related_name="+"
    )

    panels = ["course"]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["programme", "course"], name="programme_course_once")
        ]

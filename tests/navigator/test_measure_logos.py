"""The logos of a measure's organiser and operator on its page."""

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.navigator.factories import OrganisationFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return lambda title: Image.objects.create(title=title, file=get_test_image_file())


def page(client, measure):
    return client.get(reverse("navigator:measure", args=[measure.slug])).content.decode()


def test_the_organiser_and_operator_logos_are_both_shown(client, logo):
    organiser = OrganisationFactory(logo=logo("Минстрой"))
    operator = OrganisationFactory(name="Фонд развития моногородов", logo=logo("Фонд"))
    html = page(client, SupportMeasureFactory(organiser=organiser, operator=operator))
    assert html.count('class="navigator-logo"') == 2
    assert 'alt="Оператор: Фонд развития моногородов"' in html


def test_an_operator_without_a_logo_adds_no_image(client, logo):
    organiser = OrganisationFactory(logo=logo("Минстрой"))
    measure = SupportMeasureFactory(organiser=organiser, operator=OrganisationFactory())
    assert page(client, measure).count('class="navigator-logo"') == 1

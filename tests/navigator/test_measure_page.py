from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from navigator.models import Correction
from tests.factories import RegionFactory
from tests.navigator.factories import BookmarkFactory, SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db


def page_url(measure, name="navigator:measure"):
    return reverse(name, args=[measure.slug])


def test_the_page_shows_the_measure_with_its_deadline_badge(client):
    measure = SupportMeasureFactory(
        title="Субсидия на ремонт школ",
        closes_on=timezone.localdate() + timedelta(days=3),
        how_to_apply="Подготовить заявку\nНаправить в министерство",
        legal_basis_note="Постановление Правительства РФ № 1710",
    )
    response = client.get(page_url(measure))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Субсидия на ремонт школ" in html
    assert "Осталось 3 дн." in html
    assert "<li>Направить в министерство</li>" in html
    assert "Постановление Правительства РФ № 1710" in html


def test_drafts_are_not_shown_to_the_public(client):
    draft = SupportMeasureFactory(live=False)
    assert client.get(page_url(draft)).status_code == 404


def test_the_page_lists_similar_measures_sharing_a_sphere(client):
    sphere = SphereFactory()
    measure = SupportMeasureFactory(spheres=[sphere])
    similar = SupportMeasureFactory(title="Похожая субсидия", spheres=[sphere])
    SupportMeasureFactory(title="Совсем другая мера", spheres=[SphereFactory()])
    html = client.get(page_url(measure)).content.decode()
    assert similar.title in html
    assert "Совсем другая мера" not in html


def test_the_measure_page_runs_a_bounded_number_of_queries(
    client, employee, django_assert_max_num_queries
):
    sphere = SphereFactory()
    measure = SupportMeasureFactory(spheres=[sphere], regions=[RegionFactory()])
    for _ in range(8):
        SupportMeasureFactory(spheres=[sphere], regions=[RegionFactory()])
    BookmarkFactory(user=employee, measure=measure)
    client.force_login(employee)
    with django_assert_max_num_queries(14):
        assert client.get(page_url(measure)).status_code == 200


def test_the_ics_file_contains_the_deadline(client):
    measure = SupportMeasureFactory(title="Грант на музеи")
    response = client.get(page_url(measure, "navigator:measure_ics"))
    body = response.content.decode().replace("\r\n ", "")  # unfold long lines
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body
    assert f"DTSTART;VALUE=DATE:{measure.closes_on:%Y%m%d}" in body
    assert "Последний день приёма заявок: Грант на музеи" in body


def test_the_print_view_has_the_measure_without_the_site_chrome(client):
    measure = SupportMeasureFactory(title="Бюджетный кредит на инфраструктуру")
    html = client.get(page_url(measure, "navigator:measure_print")).content.decode()
    assert "Бюджетный кредит на инфраструктуру" in html
    assert "site-header" not in html


def test_guests_are_sent_to_sign_in_before_suggesting_a_correction(client, measure):
    response = client.get(page_url(measure, "navigator:correction"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_correction_lands_in_the_queue_once_even_when_sent_twice(client, employee, measure):
    client.force_login(employee)
    data = {"text": "Срок приёма продлён до 1 декабря, <b>см.</b> приказ № 15."}
    client.post(page_url(measure, "navigator:correction"), data)
    response = client.post(page_url(measure, "navigator:correction"), data)
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.text == "Срок приёма продлён до 1 декабря, см. приказ № 15."
    assert correction.user == employee


def test_a_too_short_correction_is_refused_with_a_message_and_kept_in_the_form(
    client, employee, measure
):
    client.force_login(employee)
    response = client.post(page_url(measure, "navigator:correction"), {"text": "ошибка"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "хотя бы 10 символов" in html
    assert "ошибка</textarea>" in html
    assert not Correction.objects.exists()

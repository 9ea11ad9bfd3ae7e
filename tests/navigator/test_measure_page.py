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
    assert "Осталось 3 дня" in html
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
    # Another measure's page first: it builds the snapshots every page of the process shares
    # (the practices catalogue's, which the related practices are read from).
    client.get(page_url(SupportMeasureFactory(spheres=[sphere])))
    # 15 since the ids of the spheres' measures are read before the similar ones (a plan that
    # stays fast with 10,000 measures).
    with django_assert_max_num_queries(15):
        assert client.get(page_url(measure)).status_code == 200


def test_a_cached_page_costs_a_signed_in_user_with_a_bookmark_few_queries(
    client, employee, django_assert_max_num_queries
):
    measure = SupportMeasureFactory(spheres=[SphereFactory()], regions=[RegionFactory()])
    BookmarkFactory(user=employee, measure=measure, note="Позвонить в министерство")
    client.force_login(employee)
    client.get(page_url(measure))
    # Session, user, the bookmark, the one fit check for my municipality: nothing else of the
    # measure itself.
    with django_assert_max_num_queries(4):
        html = client.get(page_url(measure)).content.decode()
    assert "Позвонить в министерство" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert measure.title in html


def test_guests_get_a_cached_page_without_any_query(client, django_assert_num_queries):
    measure = SupportMeasureFactory(title="Грант на библиотеки")
    client.get(page_url(measure))
    with django_assert_num_queries(0):
        html = client.get(page_url(measure)).content.decode()
    assert "Грант на библиотеки" in html
    assert f"{reverse('account_login')}?next={page_url(measure)}" in html


def test_the_cached_parts_are_shared_but_the_bookmark_stays_personal(
    client, employee, other_employee
):
    measure = SupportMeasureFactory()
    BookmarkFactory(user=employee, measure=measure, note="Моя заметка о заявке")
    client.force_login(employee)
    assert "Моя заметка о заявке" in client.get(page_url(measure)).content.decode()
    client.force_login(other_employee)
    html = client.get(page_url(measure)).content.decode()
    assert "Моя заметка о заявке" not in html
    assert reverse("navigator:bookmark_add", args=[measure.slug]) in html
    client.logout()
    html = client.get(page_url(measure)).content.decode()
    assert "Войдите" in html and "csrfmiddlewaretoken" not in html


def test_an_unpublished_measure_is_gone_at_once_though_its_page_was_cached(client):
    measure = SupportMeasureFactory()
    assert client.get(page_url(measure)).status_code == 200
    measure.unpublish()
    assert client.get(page_url(measure)).status_code == 404


def test_an_edited_measure_shows_the_change_at_once(client):
    measure = SupportMeasureFactory(title="Старое название меры")
    client.get(page_url(measure))
    measure.title = "Новое название меры"
    measure.save()
    html = client.get(page_url(measure)).content.decode()
    assert "Новое название меры" in html and "Старое название меры" not in html


def test_the_deadline_badge_of_a_cached_page_follows_the_calendar(client, monkeypatch):
    today = timezone.localdate()
    measure = SupportMeasureFactory(closes_on=today + timedelta(days=3))
    assert "Осталось 3 дня" in client.get(page_url(measure)).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))
    assert "Осталось 2 дня" in client.get(page_url(measure)).content.decode()


def test_the_page_links_to_applying_calendar_print_correction_and_legal_basis(client):
    from tests.legal_vector.factories import DocumentFactory

    document = DocumentFactory(title="О социальной поддержке")
    measure = SupportMeasureFactory(application_url="https://example.org/apply")
    measure.legal_documents.set([document])
    measure.save()  # a parental many-to-many is written on save
    html = client.get(page_url(measure)).content.decode()
    for name in ["navigator:apply", "navigator:measure_ics", "navigator:measure_print"]:
        assert f'href="{page_url(measure, name)}"' in html
    assert f'href="{page_url(measure, "navigator:correction")}"' in html
    assert f'href="{document.get_absolute_url()}">О социальной поддержке</a>' in html


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

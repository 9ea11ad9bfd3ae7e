import threading

import pytest
from django.db import connection

from practices.models import Adoption
from tests.factories import MunicipalityFactory, UserFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def authored(db):
    author = UserFactory()
    return PracticeFactory(author=author, municipality=author.municipality)


def test_an_employee_records_an_adoption_and_the_author_is_told(client, employee, authored):
    client.force_login(employee)
    response = client.post(
        f"/practices/{authored.slug}/adopt/", {"adopted_on": "2025-03-01", "note": "Сделали"}
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert adoption.municipality == employee.municipality
    assert authored.author.notifications.filter(kind="practices.adoption").exists()
    page = client.get(authored.get_absolute_url()).content.decode()
    assert employee.municipality.region.name in page
    assert "Изменить сведения о внедрении" in page


def test_a_second_colleague_of_the_same_municipality_does_not_count_twice(
    client, employee, authored
):
    colleague = UserFactory(municipality=employee.municipality)
    for user in (employee, colleague):
        client.force_login(user)
        client.post(f"/practices/{authored.slug}/adopt/", {"adopted_on": "2025-03-01"})
    assert Adoption.objects.count() == 1


def test_a_future_date_is_refused_in_russian(client, employee, authored):
    client.force_login(employee)
    response = client.post(f"/practices/{authored.slug}/adopt/", {"adopted_on": "2999-01-01"})
    assert "не может быть в будущем" in response.content.decode()
    assert not Adoption.objects.exists()


def test_unverified_users_cannot_adopt(client, unverified_user, authored):
    client.force_login(unverified_user)
    assert client.post(f"/practices/{authored.slug}/adopt/", {}).status_code == 403


def test_counts_by_region_and_what_my_region_adopted(client, authored):
    region_municipalities = [MunicipalityFactory() for _ in range(2)]
    region = region_municipalities[0].region
    for municipality in region_municipalities:
        municipality.region = region
        municipality.save()
        Adoption.objects.create(practice=authored, municipality=municipality)
    assert Adoption.objects.of_practice(authored).counts_by_region() == [(region.name, 2)]
    html = client.get(f"/practices/adopted/?region={region.code}").content.decode()
    assert authored.title in html


@pytest.mark.django_db(transaction=True)
def test_parallel_adoptions_of_one_municipality_count_once():
    author = UserFactory()
    practice = PracticeFactory(author=author, municipality=author.municipality)
    adopters = UserFactory.create_batch(3)
    municipality = adopters[0].municipality
    barrier = threading.Barrier(3)

    def adopt(user):
        from django.test import Client

        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            client.post(f"/practices/{practice.slug}/adopt/", {"adopted_on": "2025-01-01"})
        finally:
            connection.close()

    for user in adopters:
        user.municipality = municipality
        user.save()
    threads = [threading.Thread(target=adopt, args=(user,)) for user in adopters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Adoption.objects.filter(practice=practice).count() == 1

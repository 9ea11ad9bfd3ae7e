"""The public author page: published practices, adoptions by others and contest places as
badges; nothing private (e-mail, drafts, hidden practices)."""

import datetime

import pytest
from django.utils import timezone

from practices.models import Adoption, Contest, Entry
from tests.factories import MunicipalityFactory, UserFactory
from tests.practices.factories import PracticeFactory
from tests.practices.test_xss import PAYLOAD, assert_inert

pytestmark = pytest.mark.django_db


def test_the_author_page_shows_public_work_and_earned_badges(client):
    author = UserFactory(last_name="Соколова", first_name=PAYLOAD)
    mine = PracticeFactory(author=author, municipality=author.municipality, title="Двор для всех")
    PracticeFactory(author=author, municipality=author.municipality, live=False, title="Черновик")
    for _ in range(2):
        Adoption.objects.create(
            practice=mine, municipality=MunicipalityFactory(), adopted_on=datetime.date(2025, 1, 1)
        )
    contest = Contest.objects.create(
        year=2025,
        entries_until=datetime.date(2025, 6, 1),
        scoring_until=datetime.date(2025, 7, 1),
        results_published_at=timezone.now(),
    )
    Entry.objects.create(
        nomination=contest.nominations.create(title="Городская среда"), practice=mine, place=2
    )
    page = client.get(f"/practices/authors/{author.pk}/").content.decode()
    assert "Соколова" in page and "Двор для всех" in page
    assert "Черновик" not in page and author.email not in page
    assert "Автор практики" in page and "Внедрений в других муниципалитетах: 2" in page
    assert "Призёр конкурса 2025" in page and "номинация «Городская среда»" in page
    assert_inert(page)
    detail = client.get(mine.get_absolute_url()).content.decode()
    assert f"/practices/authors/{author.pk}/" in detail


def test_someone_without_published_practices_has_no_page(client):
    author = UserFactory()
    PracticeFactory(author=author, live=False)
    assert client.get(f"/practices/authors/{author.pk}/").status_code == 404
    assert client.get("/practices/authors/999999/").status_code == 404


def test_the_author_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    author = UserFactory()
    for _ in range(25):
        practice = PracticeFactory(author=author)
        Adoption.objects.create(
            practice=practice, municipality=MunicipalityFactory(), adopted_on=datetime.date.today()
        )
    client.get(f"/practices/authors/{author.pk}/")
    with django_assert_max_num_queries(12):
        assert client.get(f"/practices/authors/{author.pk}/").status_code == 200

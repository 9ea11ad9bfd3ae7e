"""The home block «Курсы академии»: new courses for all, and for a signed-in employee the
courses and programmes addressed to their position that they have not taken up."""

import pytest

from academy.models import Enrollment, EnrollmentStatus, Programme
from tests.academy.factories import make_course
from tests.factories import UserFactory
from tests.portal.page_helpers import home_with_indexes

pytestmark = pytest.mark.django_db

HOME_QUERIES = 40


@pytest.fixture
def home():
    return home_with_indexes()


@pytest.fixture
def courses(home):
    return {
        "heads": make_course(title="Стратегия развития поселения", audience=["head"]),
        "lawyers": make_course(title="Муниципальные правовые акты", audience=["lawyer"]),
    }


def block(client):
    page = client.get("/").content.decode()
    start = page.index("home-block--academy-courses")
    return page[start : page.index("</section>", start)]


def recommended_part(html):
    return html.split("Новые курсы")[0] if "Рекомендовано для вашей должности" in html else ""


def test_a_guest_sees_new_courses_and_no_recommendations(client, courses):
    html = block(client)
    assert "Стратегия развития поселения" in html and "Муниципальные правовые акты" in html
    assert "Рекомендовано для вашей должности" not in html


def test_an_employee_sees_courses_for_their_position(client, courses):
    client.force_login(UserFactory(position="Глава сельского поселения"))
    recommended = recommended_part(block(client))
    assert "Стратегия развития поселения" in recommended
    assert "Муниципальные правовые акты" not in recommended


def test_a_course_already_taken_is_not_recommended_again_but_a_left_one_is(client, courses):
    head = UserFactory(position="Глава района")
    enrollment = Enrollment.enrol(head, courses["heads"])
    client.force_login(head)
    assert "Стратегия развития поселения" not in recommended_part(block(client))

    enrollment.status = EnrollmentStatus.LEFT
    enrollment.save(update_fields=["status"])
    assert "Стратегия развития поселения" in recommended_part(block(client))


def test_a_position_nobody_addresses_gets_no_recommendations(client, courses):
    client.force_login(UserFactory(position="Водитель"))
    assert "Рекомендовано для вашей должности" not in block(client)


def test_a_programme_says_whether_it_is_mandatory_for_the_position(client, courses):
    Programme.objects.create(
        title="Школа мэров", slug="shkola-merov", summary="Для глав.", mandatory_for=["head"]
    )
    Programme.objects.create(
        title="Право для юристов", slug="pravo", summary="Для юристов.", recommended_for=["lawyer"]
    )
    client.force_login(UserFactory(position="Глава поселения"))
    recommended = recommended_part(block(client))
    assert "Программа «Школа мэров»" in recommended
    assert "Обязательна для вашей должности" in recommended
    assert "Право для юристов" not in recommended


def test_course_titles_are_escaped(client, home):
    make_course(title="<script>alert(1)</script>", audience=["head"])
    client.force_login(UserFactory(position="Глава"))
    html = block(client)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_the_block_costs_the_same_queries_with_many_courses(
    client, home, django_assert_max_num_queries
):
    for number in range(12):
        make_course(title=f"Курс {number}", audience=["head"], lessons=1)
    client.force_login(UserFactory(position="Глава"))
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200


def test_a_recommended_course_is_not_repeated_among_the_new_ones(client, courses):
    client.force_login(UserFactory(position="Глава поселения"))
    assert block(client).count("Стратегия развития поселения") == 1

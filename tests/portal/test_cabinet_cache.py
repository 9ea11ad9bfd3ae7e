from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.navigator.factories import BookmarkFactory, SupportMeasureFactory


def cabinet_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/cabinet/")
    assert response.status_code == 200
    return response, len(queries)


def test_the_cabinet_sections_come_from_the_cache_on_a_second_visit(client, employee):
    client.force_login(employee)
    _, first = cabinet_queries(client)
    _, second = cabinet_queries(client)
    assert second < first


def test_a_new_bookmark_shows_in_the_cabinet_at_once(client, employee):
    client.force_login(employee)
    cabinet_queries(client)
    measure = SupportMeasureFactory(title="Грант на обновление сельского клуба")

    BookmarkFactory(user=employee, measure=measure)

    response, _ = cabinet_queries(client)
    assert "Грант на обновление сельского клуба" in response.content.decode()


def test_another_users_bookmark_does_not_show_in_the_cabinet(client, employee, other_employee):
    client.force_login(employee)
    BookmarkFactory(user=other_employee, measure=SupportMeasureFactory(title="Чужая закладка"))

    response, _ = cabinet_queries(client)
    assert "Чужая закладка" not in response.content.decode()

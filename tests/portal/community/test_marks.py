import threading

import pytest
from django.db import connection

from portal.community.models import Bookmark, Follow, Reaction
from portal.notifications.models import Notification
from tests.portal.community.conftest import url

pytestmark = pytest.mark.django_db


def test_useful_counts_once_and_can_be_withdrawn(client, employee, item, author):
    client.force_login(employee)
    client.post(url("react", item), {"on": "1"})
    client.post(url("react", item), {"on": "1"})
    assert Reaction.objects.for_item(item).count() == 1
    assert Notification.objects.filter(user=author, kind="community.reaction").count() == 1
    client.post(url("react", item), {"on": "0"})
    assert not Reaction.objects.exists()


def test_unverified_users_cannot_mark_useful(client, unverified_user, item):
    client.force_login(unverified_user)
    assert client.post(url("react", item), {"on": "1"}).status_code == 403
    assert not Reaction.objects.exists()


def test_marking_needs_a_post(client, employee, item):
    client.force_login(employee)
    assert client.get(url("react", item)).status_code == 405


def test_bookmarks_are_private(client, employee, other_employee, item):
    client.force_login(employee)
    client.post(url("bookmark", item), {"on": "1"})
    assert str(item) in client.get("/community/bookmarks/").content.decode()
    client.force_login(other_employee)
    assert str(item) not in client.get("/community/bookmarks/").content.decode()


def test_follow_an_item_then_unfollow(client, employee, item):
    client.force_login(employee)
    client.post(url("follow", item), {"on": "1"})
    assert Follow.objects.filter(user=employee).count() == 1
    assert str(item) in client.get("/community/follows/").content.decode()
    client.post(url("follow", item), {"on": "0"})
    assert not Follow.objects.exists()


def test_next_may_not_lead_to_another_site(client, employee, item):
    client.force_login(employee)
    response = client.post(url("bookmark", item), {"on": "1", "next": "https://evil.example/"})
    assert response.url == f"/test-item/{item.pk}/"
    assert Bookmark.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_useful_clicks_count_once(item, employee):
    barrier = threading.Barrier(4)
    errors = []

    def click():
        barrier.wait()
        try:
            Reaction.toggle(employee, item, True)
        except Exception as error:  # noqa: BLE001 - any failure fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Reaction.objects.for_item(item).count() == 1

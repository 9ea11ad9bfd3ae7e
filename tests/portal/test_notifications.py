from django.core import mail
from django.core.cache import cache

from portal.notifications.models import EmailPreference, Notification, unread_key
from portal.notifications.services import notify
from tests.factories import UserFactory


def test_notify_stores_the_notification_and_emails_it_after_commit(
    employee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(employee, "account.verified", "Вы подтверждены.", link="/cabinet/")
        assert mail.outbox == []
    # The unread count is forgotten, and the e-mail sent, after the commit.
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [[employee.email]]
    assert "Вы подтверждены." in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_no_email_is_sent_when_the_user_turned_that_kind_off(
    employee, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=employee, kind="account.verified", by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(employee, "account.verified", "Вы подтверждены.")
    assert mail.outbox == []
    assert Notification.objects.filter(user=employee).count() == 1


def test_kinds_without_email_by_default_stay_on_the_site(
    employee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(employee, "account.verification_pending", "Ожидайте проверки.")
    assert mail.outbox == []


def test_the_notification_settings_form_saves_choices_per_kind(client, employee):
    client.force_login(employee)
    page = client.get("/cabinet/notifications/settings/").content.decode()
    assert '<label for="id_account.verified">' in page
    response = client.post(
        "/cabinet/notifications/settings/", {"account.verification_pending": "on"}
    )
    assert response.status_code == 302
    choices = EmailPreference.objects.choices_for(employee)
    assert choices["account.verification_pending"] is True
    assert choices["account.verified"] is False
    client.post("/cabinet/notifications/settings/", {"account.verification_pending": "on"})
    assert EmailPreference.objects.filter(user=employee).count() == len(choices)


def test_the_header_badge_shows_the_unread_count(client, employee):
    for text in ("Первое", "Второе", "Третье"):
        notify(employee, "account.verification_pending", text)
    Notification.objects.filter(text="Первое").mark_read()
    client.force_login(employee)
    html = client.get("/cabinet/profile/").content.decode()
    assert 'aria-label="непрочитанных: 2"' in html


def test_the_header_count_is_cached_and_follows_new_and_read_notifications(client, employee):
    client.force_login(employee)
    notify(employee, "account.verified", "Первое")
    assert 'aria-label="непрочитанных: 1"' in client.get("/cabinet/profile/").content.decode()
    assert cache.get(unread_key(employee.pk)) == 1  # kept for the next pages
    second = notify(employee, "account.verified", "Второе")
    assert 'aria-label="непрочитанных: 2"' in client.get("/cabinet/profile/").content.decode()
    client.post(f"/cabinet/notifications/{second.pk}/read/")
    assert 'aria-label="непрочитанных: 1"' in client.get("/cabinet/profile/").content.decode()
    client.post("/cabinet/notifications/read-all/")
    assert "непрочитанных" not in client.get("/cabinet/profile/").content.decode()


def test_the_list_shows_only_the_users_own_notifications(client, employee):
    notify(employee, "account.verified", "Моё уведомление")
    notify(UserFactory(), "account.verified", "Чужое уведомление")
    client.force_login(employee)
    html = client.get("/cabinet/notifications/").content.decode()
    assert "Моё уведомление" in html
    assert "Чужое уведомление" not in html


def test_a_user_marks_one_notification_as_read(client, employee):
    first = notify(employee, "account.verified", "Первое")
    second = notify(employee, "account.verified", "Второе")
    client.force_login(employee)
    response = client.post(f"/cabinet/notifications/{first.pk}/read/")
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_read and not second.is_read


def test_marking_as_read_answers_json_for_the_script(client, employee):
    first = notify(employee, "account.verified", "Первое")
    notify(employee, "account.verified", "Второе")
    client.force_login(employee)
    response = client.post(
        f"/cabinet/notifications/{first.pk}/read/", headers={"Accept": "application/json"}
    )
    assert response.json() == {"unread": 1}


def test_a_user_marks_all_notifications_as_read(client, employee):
    for text in ("Первое", "Второе"):
        notify(employee, "account.verified", text)
    stranger_notification = notify(UserFactory(), "account.verified", "Чужое")
    client.force_login(employee)
    client.post("/cabinet/notifications/read-all/")
    assert not Notification.objects.for_user(employee).unread().exists()
    stranger_notification.refresh_from_db()
    assert not stranger_notification.is_read


def test_nobody_can_mark_someone_elses_notification(client, employee):
    stranger_notification = notify(UserFactory(), "account.verified", "Чужое")
    client.force_login(employee)
    response = client.post(f"/cabinet/notifications/{stranger_notification.pk}/read/")
    assert response.status_code == 404
    stranger_notification.refresh_from_db()
    assert not stranger_notification.is_read


def test_marking_as_read_needs_a_post(client, employee):
    notification = notify(employee, "account.verified", "Первое")
    client.force_login(employee)
    assert client.get(f"/cabinet/notifications/{notification.pk}/read/").status_code == 405


def test_anonymous_visitors_cannot_see_notifications(client, db):
    assert client.get("/cabinet/notifications/")["Location"].startswith("/accounts/login/")


def test_the_list_runs_a_bounded_number_of_queries(client, employee, django_assert_max_num_queries):
    Notification.objects.bulk_create(
        Notification(user=employee, kind="account.verified", text=f"Уведомление {n}")
        for n in range(60)
    )
    client.force_login(employee)
    # 9: the cabinet menu's «Заявки на подтверждение» link (added this session) checks the
    # moderator permission, which Django reads as user and group permissions (2 queries).
    with django_assert_max_num_queries(9):
        response = client.get("/cabinet/notifications/")
    assert response.content.decode().count('class="notification is-unread"') == 30

import pytest

from portal.community.models import Message, QuestionThread
from tests.portal.community.conftest import url

pytestmark = pytest.mark.django_db


def ask(client, user, item, subject="Как согласовали?", text="Расскажите, пожалуйста"):
    client.force_login(user)
    return client.post(url("ask", item), {"subject": subject, "text": text})


def test_a_question_reaches_the_author_without_showing_e_mails(client, employee, item, author):
    response = ask(client, employee, item)
    thread = QuestionThread.objects.get()
    assert response.url == f"/community/questions/{thread.pk}/"
    assert thread.recipient == author
    client.force_login(author)
    page = client.get(response.url).content.decode()
    assert "Расскажите, пожалуйста" in page
    assert employee.email not in page and author.email not in page


def test_only_the_two_participants_see_a_thread(client, employee, other_employee, item, moderator):
    ask(client, employee, item)
    thread = QuestionThread.objects.get()
    for outsider in (other_employee, moderator):
        client.force_login(outsider)
        assert client.get(f"/community/questions/{thread.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/community/questions/{thread.pk}/").status_code == 302


def test_the_author_answers_and_the_asker_is_told(client, employee, item, author):
    ask(client, employee, item)
    thread = QuestionThread.objects.get()
    client.force_login(author)
    client.post(f"/community/questions/{thread.pk}/", {"text": "Через совет депутатов"})
    assert thread.messages.count() == 2
    assert employee.notifications.filter(kind="community.question").exists()


def test_questions_are_rate_limited_with_a_russian_message(client, employee, item, settings):
    settings.COMMUNITY_RATES = {"question": "2/h"}
    for number in range(2):
        ask(client, employee, item, subject=f"Вопрос {number}")
    response = ask(client, employee, item, subject="Третий")
    assert response.status_code == 429
    assert "слишком часто" in response.content.decode()
    assert QuestionThread.objects.count() == 2


def test_a_participant_reports_a_message_and_an_outsider_cannot(
    client, employee, other_employee, item, author
):
    ask(client, employee, item)
    message = Message.objects.get()
    client.force_login(other_employee)
    response = client.post(f"/community/community.message/{message.pk}/report/", {"reason": "rude"})
    assert response.status_code == 404
    client.force_login(author)
    client.post(f"/community/community.message/{message.pk}/report/", {"reason": "rude"})
    assert message.__class__.objects.get().pk == message.pk
    from portal.community.models import Report

    assert Report.objects.filter(reporter=author).count() == 1

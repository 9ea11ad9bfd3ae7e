"""The author adds follow-up questions and files to an open consultation; the lawyer sees the
thread and answers again; files are checked by content and served only to those who may see."""

import io
import uuid
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from legal_vector.models import Consultation, ConsultationMessage, ConsultationStatus
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def consultation(employee):
    created, _ = Consultation.submit(
        employee, "Как провести публичные слушания по бюджету?", uuid.uuid4()
    )
    return created


def follow_up(client, consultation, text="", files=(), token=None):
    url = reverse("legal_vector:consultation_action", args=[consultation.pk, "follow-up"])
    data = {"text": text, "form_token": str(token or uuid.uuid4())}
    if files:
        data["files"] = list(files)
    return client.post(url, data)


def pdf(name="протокол.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_author_adds_a_follow_up_with_a_file_and_the_lawyer_sees_the_thread(
    client, employee, lawyer, consultation
):
    consultation.take(lawyer)
    client.force_login(employee)
    response = follow_up(client, consultation, "А если слушания сорвались?", [pdf()])
    assert response.status_code == 302
    assert response.url.endswith("#thread")
    message = ConsultationMessage.objects.get(consultation=consultation)
    attachment = message.attachments.get()
    assert (message.text, attachment.name, attachment.kind) == (
        "А если слушания сорвались?",
        "протокол.pdf",
        "pdf",
    )
    assert Notification.objects.filter(user=lawyer, text__contains="дополнил").count() == 1

    client.force_login(lawyer)
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert "А если слушания сорвались?" in html
    assert attachment.get_absolute_url() in html
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_follow_up_to_an_answered_consultation_sends_it_back_to_work_and_keeps_the_answer(
    client, employee, lawyer, consultation
):
    consultation.give_answer(lawyer, "Первый ответ юриста.")
    client.force_login(employee)
    follow_up(client, consultation, "Уточните срок, пожалуйста.")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.IN_WORK

    consultation.give_answer(lawyer, "Срок — десять дней.")
    consultation.refresh_from_db()
    thread = list(consultation.messages.values_list("from_lawyer", "text"))
    assert consultation.answer == "Первый ответ юриста."
    assert thread == [(False, "Уточните срок, пожалуйста."), (True, "Срок — десять дней.")]


def test_a_file_with_a_false_extension_is_refused_and_nothing_is_saved(
    client, employee, consultation
):
    client.force_login(employee)
    fake = SimpleUploadedFile(
        "справка.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = follow_up(client, consultation, "Прикладываю справку", [fake])
    html = response.content.decode()
    assert response.status_code == 400
    assert "справка.pdf: Можно приложить только" in html
    assert "Прикладываю справку" in html
    assert not ConsultationMessage.objects.exists()


def test_a_docx_that_unpacks_too_large_is_refused(client, employee, consultation):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (51 * 1024 * 1024))
    client.force_login(employee)
    upload = SimpleUploadedFile("бомба.docx", buffer.getvalue())
    response = follow_up(client, consultation, "", [upload])
    assert response.status_code == 400
    assert "больше 50 МБ" in response.content.decode()
    assert not ConsultationMessage.objects.exists()


def test_an_empty_follow_up_is_refused_in_russian(client, employee, consultation):
    client.force_login(employee)
    response = follow_up(client, consultation)
    assert response.status_code == 400
    assert "Напишите уточняющий вопрос или приложите файл." in response.content.decode()


def test_a_resubmitted_follow_up_is_added_once(client, employee, consultation):
    client.force_login(employee)
    token = uuid.uuid4()
    follow_up(client, consultation, "Ещё вопрос", token=token)
    second = follow_up(client, consultation, "Ещё вопрос", token=token)
    assert second.status_code == 302
    assert ConsultationMessage.objects.count() == 1


def test_a_closed_consultation_takes_no_follow_up(client, employee, lawyer, consultation):
    consultation.give_answer(lawyer, "Ответ.")
    consultation.close()
    client.force_login(employee)
    page = client.get(consultation.get_absolute_url()).content.decode()
    response = follow_up(client, consultation, "Поздно?")
    assert "Отправить уточнение" not in page
    assert response.status_code == 302
    assert not ConsultationMessage.objects.exists()


def test_only_the_author_may_follow_up_and_only_author_and_lawyers_may_download(
    client, employee, other_employee, lawyer, consultation
):
    client.force_login(employee)
    follow_up(client, consultation, "С файлом", [pdf()])
    file_url = ConsultationMessage.objects.get().attachments.get().get_absolute_url()

    client.force_login(lawyer)
    assert follow_up(client, consultation, "Я не автор").status_code == 403
    client.force_login(other_employee)
    assert client.get(file_url).status_code == 403
    assert follow_up(client, consultation, "Чужая").status_code == 403
    client.logout()
    assert client.get(file_url).status_code == 302
    assert ConsultationMessage.objects.count() == 1

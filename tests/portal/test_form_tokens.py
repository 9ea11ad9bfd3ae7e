"""One-time form tokens: a resubmit shows what the first submit created instead of a copy."""

import datetime
import re
import uuid

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from legal_vector.models import Consultation
from portal.models import FormSubmission
from portal.submissions import SubmitOnceForm, forget_old_submissions, submit_once

NEW_CONSULTATION = reverse("legal_vector:consultation_new")
QUESTION = "Как провести публичные слушания по проекту бюджета поселения?"
TOKEN_INPUT = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')


def token_of(response):
    return TOKEN_INPUT.search(response.content.decode()).group(1)


def test_every_shown_consultation_form_carries_a_new_token(client, employee):
    client.force_login(employee)
    first, second = client.get(NEW_CONSULTATION), client.get(NEW_CONSULTATION)
    assert token_of(first) != token_of(second)


def test_a_consultation_resubmitted_from_a_reloaded_page_is_not_created_twice(client, employee):
    client.force_login(employee)
    first = client.post(
        NEW_CONSULTATION,
        {"question": QUESTION, "form_token": token_of(client.get(NEW_CONSULTATION))},
    )
    # The page is opened again (a new token) and the same question sent once more.
    second = client.post(
        NEW_CONSULTATION,
        {"question": QUESTION, "form_token": token_of(client.get(NEW_CONSULTATION))},
        follow=True,
    )
    consultation = Consultation.objects.get()
    assert first.url == consultation.get_absolute_url()
    assert second.redirect_chain[-1][0] == consultation.get_absolute_url()
    assert "уже отправлен" in second.content.decode()


def test_the_same_token_sent_twice_shows_the_first_consultation(client, employee):
    client.force_login(employee)
    token = token_of(client.get(NEW_CONSULTATION))
    client.post(NEW_CONSULTATION, {"question": QUESTION, "form_token": token})
    again = client.post(NEW_CONSULTATION, {"question": QUESTION + " Срочно.", "form_token": token})
    consultation = Consultation.objects.get()
    assert again.url == consultation.get_absolute_url()


def test_two_different_questions_make_two_consultations(client, employee):
    client.force_login(employee)
    for question in (QUESTION, "Кто утверждает устав муниципального образования?"):
        token = token_of(client.get(NEW_CONSULTATION))
        client.post(NEW_CONSULTATION, {"question": question, "form_token": token})
    assert Consultation.objects.count() == 2


def test_a_refused_form_keeps_its_token_and_a_page_without_one_still_works(client, employee):
    client.force_login(employee)
    token = str(uuid.uuid4())
    refused = client.post(NEW_CONSULTATION, {"question": "ой", "form_token": token})
    assert token_of(refused) == token
    client.post(NEW_CONSULTATION, {"question": QUESTION})
    client.post(NEW_CONSULTATION, {"question": QUESTION, "form_token": "not-a-uuid"})
    assert Consultation.objects.count() == 1


class NoteForm(SubmitOnceForm):
    text = forms.CharField()


def _request(user, path="/notes/new/"):
    request = RequestFactory().post(path)
    request.user = user
    return request


def _valid(data):
    form = NoteForm(data)
    assert form.is_valid(), form.errors
    return form


def test_a_failed_create_keeps_nothing_so_the_same_token_may_be_sent_again(employee):
    token = str(uuid.uuid4())

    def refuse():
        raise ValidationError("Нельзя.")

    with pytest.raises(ValidationError):
        submit_once(_request(employee), _valid({"text": "а", "form_token": token}), refuse)
    assert not FormSubmission.objects.exists()
    outcome = submit_once(
        _request(employee), _valid({"text": "а", "form_token": token}), lambda: "done", url="/ok/"
    )
    assert (outcome.url, outcome.repeated, outcome.created) == ("/ok/", False, "done")


def test_the_same_content_on_another_page_or_by_another_user_is_not_a_repeat(
    employee, other_employee
):
    def submit(user, path):
        form = _valid({"text": "одинаково", "form_token": str(uuid.uuid4())})
        return submit_once(_request(user, path), form, lambda: path, url=lambda created: created)

    assert not submit(employee, "/measures/a/").repeated
    assert not submit(employee, "/measures/b/").repeated
    assert not submit(other_employee, "/measures/a/").repeated
    assert submit(employee, "/measures/a/").repeated


def test_old_tokens_are_forgotten(employee):
    submit_once(_request(employee), _valid({"text": "а"}), lambda: None, url="/ok/")
    assert forget_old_submissions(timezone.now()) == 0
    assert forget_old_submissions(timezone.now() + datetime.timedelta(days=31)) == 1


def test_a_bookmark_folder_sent_twice_with_one_token_shows_the_folder(client, employee):
    from legal_vector.models import BookmarkFolder

    client.force_login(employee)
    token = token_of(client.get(reverse("legal_vector:bookmarks")))
    data = {"name": "Закупки", "form_token": token}
    client.post(reverse("legal_vector:folder_add"), data)
    again = client.post(reverse("legal_vector:folder_add"), data)
    folder = BookmarkFolder.objects.get(user=employee)
    assert again.status_code == 302
    assert again.url == f"{reverse('legal_vector:bookmarks')}?folder={folder.pk}"


def test_a_measure_alert_sent_twice_with_one_token_shows_the_alerts(client, employee):
    from navigator.models import MeasureAlert

    client.force_login(employee)
    url = reverse("navigator:alert_create")
    token = token_of(client.get(url, {"kind": "grant"}))
    data = {"title": "Гранты", "frequency": "daily", "query": "kind=grant", "form_token": token}
    client.post(url, data)
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == reverse("navigator:alerts")
    assert MeasureAlert.objects.filter(user=employee).count() == 1


def test_a_correction_resubmitted_from_a_reloaded_page_is_sent_once(client, employee):
    from navigator.models import Correction
    from tests.navigator.factories import SupportMeasureFactory

    measure = SupportMeasureFactory()
    client.force_login(employee)
    url = reverse("navigator:correction", args=[measure.slug])
    text = "Срок приёма продлён до 15 мая, см. приказ."
    for _ in range(2):
        response = client.post(url, {"text": text, "form_token": token_of(client.get(url))})
        assert response.url == measure.get_absolute_url()
    assert Correction.objects.filter(measure=measure).count() == 1


class FileNoteForm(SubmitOnceForm):
    text = forms.CharField()
    file = forms.FileField()


class RowForm(forms.Form):
    file = forms.FileField()


def _file_form(text, content, name="a.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = FileNoteForm(
        {"text": text, "form_token": str(uuid.uuid4())},
        {"file": SimpleUploadedFile(name, content)},
    )
    assert form.is_valid(), form.errors
    return form


def _rows(*contents):
    from django.core.files.uploadedfile import SimpleUploadedFile

    RowSet = forms.formset_factory(RowForm, extra=0)
    files = {
        f"rows-{number}-file": SimpleUploadedFile("same-name.pdf", content)
        for number, content in enumerate(contents)
    }
    formset = RowSet(
        {"rows-TOTAL_FORMS": str(len(contents)), "rows-INITIAL_FORMS": "0"}, files, prefix="rows"
    )
    assert formset.is_valid(), formset.errors
    return formset


def test_the_same_text_with_other_files_is_a_new_submit_and_the_same_files_a_repeat(employee):
    def submit(form, formsets=()):
        return submit_once(
            _request(employee), form, lambda: "made", url="/made/", formsets=formsets
        )

    assert not submit(_file_form("текст", b"%PDF-first")).repeated
    # Same name and size, other bytes: other files.
    assert not submit(_file_form("текст", b"%PDF-other")).repeated
    assert submit(_file_form("текст", b"%PDF-first")).repeated
    # Files in the rows of a formset count too.
    assert not submit(
        _valid({"text": "строки", "form_token": str(uuid.uuid4())}), [_rows(b"one", b"two")]
    ).repeated
    assert not submit(
        _valid({"text": "строки", "form_token": str(uuid.uuid4())}), [_rows(b"one", b"six")]
    ).repeated
    assert submit(
        _valid({"text": "строки", "form_token": str(uuid.uuid4())}), [_rows(b"one", b"two")]
    ).repeated

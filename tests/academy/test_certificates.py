"""Certificates: issue on completion, numbering, frozen content, PDF, signature, revocation."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from academy import credentials
from academy.models import Attempt, Certificate, CertificateSequence, Enrollment, LessonCompletion
from academy.models.certificates import NUMBER_FORMAT
from tests.academy.factories import right_answers
from tests.factories import UserFactory


def complete(enrollment, quiz):
    for lesson in enrollment.course.lessons:
        LessonCompletion.mark(enrollment, lesson)
    attempt = Attempt.start(enrollment, quiz)
    attempt.submit(right_answers(attempt))
    return enrollment.refresh_progress()


def test_the_certificate_is_issued_only_when_the_rule_is_met(
    course, quiz, employee, django_capture_on_commit_callbacks
):
    enrollment = Enrollment.enrol(employee, course)
    for lesson in course.lessons:
        LessonCompletion.mark(enrollment, lesson)
    assert not Certificate.objects.exists()
    Attempt.start(enrollment, quiz).submit({})
    enrollment.refresh_progress()
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrollment, quiz)
    certificate = Certificate.objects.get(user=employee)
    assert certificate.number.startswith("МА-") and certificate.title == course.title
    assert certificate.pdf  # rendered by the Celery task queued on commit


def test_the_pdf_has_cyrillic_text_and_a_redownload_is_identical(
    course, quiz, employee, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(Enrollment.enrol(employee, course), quiz)
    client.force_login(employee)
    certificate = Certificate.objects.get()
    url = reverse("academy:certificate_pdf", args=[certificate.uuid])
    first = b"".join(client.get(url).streaming_content)
    course.title = "Новое название"
    course.save_revision().publish()
    second = b"".join(client.get(url).streaming_content)
    assert first.startswith(b"%PDF") and first == second
    assert b"DejaVu" in first


def test_numbers_are_sequential_and_frozen(course, quiz):
    people = [UserFactory() for _ in range(3)]
    for person in people:
        complete(Enrollment.enrol(person, course), quiz)
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    year = Certificate.objects.first().issued_on.year
    assert numbers == [NUMBER_FORMAT.format(year=year, sequence=n) for n in (1, 2, 3)]


@pytest.mark.django_db(transaction=True)
def test_numbers_have_no_gaps_or_duplicates_under_concurrency():
    from datetime import date

    errors = []

    def take():
        from django.db import transaction

        try:
            with transaction.atomic():
                CertificateSequence.take(2026)
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert CertificateSequence.objects.get(year=date(2026, 1, 1).year).last == 8


def test_the_verification_page_shows_only_what_is_listed_and_checks_the_signature(
    course, quiz, employee, client
):
    complete(Enrollment.enrol(employee, course), quiz)
    certificate = Certificate.objects.get()
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert certificate.holder_name in page and "подпись портала верна" in page
    assert "не является документом о квалификации" in page
    assert employee.email not in page and str(employee.municipality) not in page


def test_a_tampered_credential_fails_verification(course, quiz, employee):
    complete(Enrollment.enrol(employee, course), quiz)
    certificate = Certificate.objects.get()
    assert credentials.verify(certificate.credential)
    forged = {**certificate.credential, "name": "Другой курс"}
    assert not credentials.verify(forged)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stranger = Ed25519PrivateKey.generate().public_key()
    assert not credentials.verify(certificate.credential, public_key=stranger)


def test_revocation_with_a_reason_is_shown_on_the_page(
    course, quiz, employee, academy_admin, client
):
    complete(Enrollment.enrol(employee, course), quiz)
    certificate = Certificate.objects.get()
    client.force_login(employee)
    url = reverse("academy:certificate_revoke", args=[certificate.uuid])
    assert client.post(url, {"reason": "ошибка"}).status_code == 403
    client.force_login(academy_admin)
    client.post(url, {"reason": "Выдан по ошибке"})
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Сертификат отозван" in page and "Выдан по ошибке" in page


def test_lookup_by_number_redirects_and_is_rate_limited(course, quiz, employee, client):
    complete(Enrollment.enrol(employee, course), quiz)
    certificate = Certificate.objects.get()
    url = reverse("academy:certificate_lookup")
    response = client.get(url, {"number": certificate.number.lower()})
    assert response.status_code == 302 and response.url == certificate.get_absolute_url()
    codes = [client.get(url, {"number": "МА-2000-000001"}).status_code for _ in range(25)]
    assert codes[0] == 404 and codes[-1] == 429


def test_only_the_holder_downloads_the_pdf_and_credential(
    course, quiz, employee, other_employee, client
):
    complete(Enrollment.enrol(employee, course), quiz)
    certificate = Certificate.objects.get()
    client.force_login(other_employee)
    for name in ("academy:certificate_pdf", "academy:certificate_credential"):
        assert client.get(reverse(name, args=[certificate.uuid])).status_code == 404
    client.force_login(employee)
    credential = client.get(
        reverse("academy:certificate_credential", args=[certificate.uuid])
    ).json()
    assert "OpenBadgeCredential" in credential["type"] and credentials.verify(credential)

"""The public check page of a certificate, as a visitor without a session sees it, is stored
under a digest of the certificate (issue 12's bench): a revocation shows at once."""

import pytest

from academy.models import Certificate, Enrollment
from tests.academy.test_certificates import complete

pytestmark = pytest.mark.django_db


def test_a_guest_gets_the_stored_check_page_until_the_certificate_changes(
    course, quiz, employee, academy_admin, client, django_assert_num_queries
):
    complete(Enrollment.enrol(employee, course), quiz)
    certificate = Certificate.objects.get()
    first = client.get(certificate.get_absolute_url())
    assert "подпись портала верна" in first.content.decode()
    with django_assert_num_queries(1):  # the certificate itself, to know whether it changed
        second = client.get(certificate.get_absolute_url())
    assert second.context is None, "served as stored, no template rendered"
    assert second.content == first.content
    assert "Cookie" in second["Vary"]
    certificate.revoke(academy_admin, "Выдан по ошибке")
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Сертификат отозван" in page and "Выдан по ошибке" in page


def test_a_signed_in_administrator_is_never_served_the_guest_copy(
    course, quiz, employee, academy_admin, client
):
    complete(Enrollment.enrol(employee, course), quiz)
    certificate = Certificate.objects.get()
    client.get(certificate.get_absolute_url())
    client.force_login(academy_admin)
    assert client.get(certificate.get_absolute_url()).context["can_revoke"] is True

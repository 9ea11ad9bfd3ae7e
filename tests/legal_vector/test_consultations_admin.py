import uuid

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from legal_vector.models import Consultation, ConsultationStatus
from portal.models import SearchLog

SECRET = "MUNICIPALITETYDEMOTOTPSECRET2345"


@pytest.fixture
def lawyer_with_totp(client, lawyer):
    TOTP.activate(lawyer, SECRET)
    client.force_login(lawyer)
    return lawyer


def test_lawyers_work_the_queue_in_django_admin(client, lawyer_with_totp, employee):
    consultation, _ = Consultation.submit(employee, "Вопрос о бюджете поселения", uuid.uuid4())
    listing = client.get("/admin/legal_vector/consultation/")
    assert listing.status_code == 200
    assert str(consultation.pk) in listing.content.decode()
    client.post(
        "/admin/legal_vector/consultation/",
        {"action": "take_into_work", "_selected_action": [consultation.pk]},
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.IN_WORK
    assert consultation.assignee == lawyer_with_totp


def test_the_zero_result_report_lists_the_most_frequent_misses(client, administrator):
    TOTP.activate(administrator, SECRET)
    client.force_login(administrator)
    for _ in range(3):
        SearchLog.record(
            "квантовая телепортация", SearchLog.Source.SEARCH, 0, service="legal_vector"
        )
    SearchLog.record("бюджет", SearchLog.Source.SEARCH, 12, service="legal_vector")
    response = client.get("/admin/legal_vector/zeroresultquery/")
    top = response.context["top_queries"]
    assert [(row["query"], row["searches"]) for row in top] == [("квантовая телепортация", 3)]
    assert "бюджет" not in [row["query"] for row in top]


def test_employees_cannot_open_the_consultation_admin(client, employee):
    client.force_login(employee)
    response = client.get("/admin/legal_vector/consultation/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url

"""Control characters in an address are dropped or refused in one place, before any view."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from portal.middleware import ControlCharacterMiddleware

pytestmark = pytest.mark.django_db


def echo(request):
    return HttpResponse(repr((request.GET.dict(), request.POST.dict())))


def through_middleware(request):
    return ControlCharacterMiddleware(echo)(request).content.decode()


def test_control_characters_are_dropped_from_query_parameters():
    request = RequestFactory().get("/search/", {"q": "a\x00b\x1f", "re\x00gion": "\x7f"})
    assert through_middleware(request) == repr(({"q": "ab", "region": ""}, {}))


def test_form_fields_keep_line_breaks_and_lose_other_controls():
    request = RequestFactory().post("/x/", {"text": "строка\r\nвторая\tтаб\x00\x0b"})
    assert through_middleware(request) == repr(({}, {"text": "строка\r\nвторая\tтаб"}))


def test_clean_parameters_are_left_as_they_are():
    request = RequestFactory().get("/search/", {"q": "бюджет поселения"})
    before = request.GET
    through_middleware(request)
    assert request.GET is before


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=a%00b",
        "/legal/?topic=%00",
        "/practices/?region=%00",
        "/legal/documents/2/?unit=%00",
        "/navigator/for-me/?region=%00",
        "/navigator/?region=%01&q=%00",
    ],
)
def test_the_reported_addresses_answer_without_an_error(client, employee, url):
    assert client.get(url).status_code < 500
    client.force_login(employee)
    assert client.get(url).status_code < 500


def test_a_path_with_a_control_character_is_refused_with_400(client):
    assert client.get("/legal/documents/2%00/").status_code == 400


def test_a_multipart_sign_up_with_nul_bytes_is_refused_not_a_500(client):
    data = {"email": "a\x00b@example.ru", "password1": "x\x00y", "password2": "x\x00y"}
    assert client.post("/accounts/signup/", data).status_code < 500

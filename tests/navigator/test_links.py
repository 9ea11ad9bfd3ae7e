from unittest import mock

import pytest

from navigator.linkcheck import head_status
from navigator.models import LinkCheck
from navigator.tasks import check_measure_links
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db
ANSWERS = {
    "https://ok.example.ru/": (200, ""),
    "https://gone.example.ru/": (404, ""),
    "https://nohead.example.ru/": (405, ""),
    "https://down.example.ru/": (None, "timed out"),
}


@pytest.fixture
def fake_head():
    with mock.patch("navigator.linkcheck.head_status", side_effect=ANSWERS.get) as patched:
        yield patched


def test_broken_links_are_recorded_and_working_ones_not(fake_head):
    good = SupportMeasureFactory(
        application_url="https://ok.example.ru/", source_url="https://nohead.example.ru/"
    )
    bad = SupportMeasureFactory(
        application_url="https://gone.example.ru/", source_url="https://down.example.ru/"
    )
    assert check_measure_links() == 2
    broken = set(LinkCheck.objects.broken().values_list("measure", "url"))
    assert broken == {(bad.pk, "https://gone.example.ru/"), (bad.pk, "https://down.example.ru/")}
    assert LinkCheck.objects.filter(measure=good, is_broken=False).count() == 2


def test_a_repaired_link_is_no_longer_reported(fake_head):
    measure = SupportMeasureFactory(application_url="https://gone.example.ru/")
    check_measure_links()
    measure.application_url = "https://ok.example.ru/"
    measure.save()
    fake_head.side_effect = lambda url: (200, "")
    check_measure_links()
    assert not LinkCheck.objects.filter(url="https://ok.example.ru/", is_broken=True).exists()


def test_drafts_and_non_http_links_are_skipped(fake_head):
    SupportMeasureFactory(application_url="https://gone.example.ru/", live=False)
    SupportMeasureFactory(application_url="", source_url="")
    assert check_measure_links() == 0
    fake_head.assert_not_called()


def test_head_status_uses_a_short_timeout_head_request():
    response = mock.MagicMock(status=204)
    response.__enter__.return_value = response
    with mock.patch("navigator.linkcheck.urlopen", return_value=response) as urlopen:
        assert head_status("https://ok.example.ru/") == (204, "")
    request = urlopen.call_args.args[0]
    assert request.get_method() == "HEAD"
    assert urlopen.call_args.kwargs["timeout"] <= 10


def test_head_status_turns_network_errors_into_text():
    from urllib.error import URLError

    with mock.patch("navigator.linkcheck.urlopen", side_effect=URLError("no route")):
        assert head_status("https://down.example.ru/") == (None, "no route")

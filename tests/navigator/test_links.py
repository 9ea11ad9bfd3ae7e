import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from navigator import linkcheck
from navigator.linkcheck import head_status
from navigator.models import LinkCheck
from navigator.tasks import check_measure_links
from portal.accounts import roles
from tests.factories import UserFactory
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db
ANSWERS = {
    "https://ok.example.ru/": (200, ""),
    "https://gone.example.ru/": (404, ""),
    "https://nohead.example.ru/": (405, ""),
    "https://down.example.ru/": (None, "timed out"),
}


@pytest.fixture
def fake_head(monkeypatch):
    monkeypatch.setattr(linkcheck, "HOST_PAUSE_SECONDS", 0)
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
    LinkCheck.objects.update(checked_at=timezone.now() - timedelta(days=1))
    check_measure_links()
    assert not LinkCheck.objects.filter(url="https://ok.example.ru/", is_broken=True).exists()
    # The replaced link's old result is gone, so no report shows it any more.
    assert not LinkCheck.objects.filter(url="https://gone.example.ru/").exists()


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


# --- batches -----------------------------------------------------------------------------------


def test_a_run_checks_a_bounded_batch_oldest_checked_first(fake_head, monkeypatch):
    monkeypatch.setattr(linkcheck, "LINKS_PER_RUN", 2)
    fake_head.side_effect = lambda url: (200, "")
    recent, stale, never = (
        SupportMeasureFactory(application_url=f"https://site{n}.example.ru/") for n in range(3)
    )
    for measure, age in ((recent, 1), (stale, 30)):
        LinkCheck.objects.create(
            measure=measure,
            url=measure.application_url,
            status_code=200,
            checked_at=timezone.now() - timedelta(days=age),
        )
    check_measure_links()
    checked = {call.args[0] for call in fake_head.call_args_list}
    assert checked == {never.application_url, stale.application_url}


def test_one_host_gets_a_limited_share_of_a_run(fake_head, monkeypatch):
    monkeypatch.setattr(linkcheck, "PER_HOST_PER_RUN", 2)
    fake_head.side_effect = lambda url: (200, "")
    for number in range(4):
        SupportMeasureFactory(application_url=f"https://busy.example.ru/{number}")
    SupportMeasureFactory(application_url="https://quiet.example.ru/")
    check_measure_links()
    hosts = [linkcheck.host_of(call.args[0]) for call in fake_head.call_args_list]
    assert hosts.count("busy.example.ru") == 2
    assert hosts.count("quiet.example.ru") == 1
    # The measures left out are the first in line next time.
    fake_head.reset_mock()
    check_measure_links()
    second_run = [call.args[0] for call in fake_head.call_args_list]
    assert [url for url in second_run if "busy" in url] == [
        "https://busy.example.ru/2",
        "https://busy.example.ru/3",
    ]


def test_requests_to_one_host_never_overlap_and_pause_between(fake_head, monkeypatch):
    sleeps = []
    monkeypatch.setattr(linkcheck.time, "sleep", sleeps.append)
    monkeypatch.setattr(linkcheck, "HOST_PAUSE_SECONDS", 0.5)
    in_flight, overlaps, lock = set(), [], threading.Lock()

    def slow_head(url):
        host = linkcheck.host_of(url)
        with lock:
            overlaps.append(host in in_flight)
            in_flight.add(host)
        threading.Event().wait(0.01)
        with lock:
            in_flight.discard(host)
        return 200, ""

    fake_head.side_effect = slow_head
    for number in range(3):
        SupportMeasureFactory(
            application_url=f"https://one.example.ru/{number}",
            source_url=f"https://two.example.ru/{number}",
        )
    check_measure_links()
    assert len(overlaps) == 6 and not any(overlaps)
    assert sleeps == [0.5] * 4  # two pauses on each host


def test_the_check_runs_often_enough_to_cover_the_base():
    entry = settings.CELERY_BEAT_SCHEDULE["navigator-broken-links"]
    assert entry["task"] == "navigator.tasks.check_measure_links"
    assert entry["schedule"] <= timedelta(hours=1)


# --- the Wagtail admin report ------------------------------------------------------------------

REPORT_URL = reverse("navigator_broken_links")


def test_editors_see_broken_links_in_wagtail_admin(
    cms_client, editor, django_assert_max_num_queries
):
    for number in range(3):
        measure = SupportMeasureFactory(title=f"Мера <b>{number}</b>")
        LinkCheck.record(measure, f"https://gone.example.ru/{number}", 404)
    LinkCheck.record(measure, "https://ok.example.ru/", 200)
    client = cms_client(editor)
    with django_assert_max_num_queries(20):
        response = client.get(REPORT_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Битые ссылки" in html
    assert "https://gone.example.ru/2" in html and "https://ok.example.ru/" not in html
    assert "Мера &lt;b&gt;2&lt;/b&gt;" in html
    edit_url = reverse("wagtailsnippets_navigator_supportmeasure:edit", args=[measure.pk])
    assert edit_url in html
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT_URL in menu


def test_staff_without_the_editor_role_cannot_see_the_report(cms_client, moderator):
    client = cms_client(moderator)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    response = client.get(REPORT_URL)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert REPORT_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_editor_role_without_staff_status_cannot_see_the_report(client):
    user = UserFactory(roles=[roles.EDITOR])
    client.force_login(user)
    assert client.get(REPORT_URL).status_code in (302, 403)

"""Who may open what in the navigator: every URL × every role, with the expected answer.

The grid is the navigator's access policy in one table. Public pages answer everyone; personal
pages send guests to sign in; somebody else's bookmark or alert is reported as missing (404),
never as forbidden, so its existence is not revealed; drafts are 404 for everyone on the site
(editors see them through the admin's preview); Wagtail admin pages are for editors with
two-factor authentication, and so are the Django admin reports (editors and moderators hold
their view permissions, migration navigator 0006).

Unverified users get the same personal tools as employees (bookmarks, alerts, calendar,
corrections): these views require signing in, not verification, because nothing is published.
"""

import json
from dataclasses import dataclass
from operator import attrgetter

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from navigator.models import (
    ApplicationStatus,
    Bookmark,
    CalendarFeed,
    MeasureAlert,
    MeasureImport,
    ReadySolutionIndexPage,
    ReadySolutionPage,
)
from portal.pages.demo import ensure_home_page
from tests.access_grid import AWAY, LOGIN, answer
from tests.navigator.factories import BookmarkFactory, SupportMeasureFactory
from tests.portal.page_helpers import add_draft, publish

pytestmark = pytest.mark.django_db

ROLES = ("guest", "unverified", "employee", "other", "editor")
# Expected answers (tests/access_grid.py). LOGIN: a redirect to the sign-in page; AWAY: a
# redirect elsewhere (the action's result page, or the organiser's site for «Подать заявку»).
APPLY_URL = "https://example.ru/podat-zayavku"


@dataclass
class World:
    """The objects the grid's URLs point at; the bookmark, alert and feed are the employee's."""

    measure: object
    draft: object
    bookmark: Bookmark
    alert: MeasureAlert
    feed: CalendarFeed
    solution: ReadySolutionPage
    draft_solution: ReadySolutionPage
    measure_import: MeasureImport


def _solutions():
    index = publish(ensure_home_page(), ReadySolutionIndexPage(title="Решения", slug="resheniya"))
    steps = json.dumps(
        [{"type": "step", "value": {"title": "Собрать жителей", "text": "<p>…</p>"}}]
    )
    live = publish(
        index, ReadySolutionPage(title="Дворы", slug="dvory", problem="Дворы.", steps=steps)
    )
    draft = add_draft(
        index, ReadySolutionPage(title="Черновик", slug="chernovik", problem="…", steps=steps)
    )
    return live, draft


@pytest.fixture
def world(employee, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    measure = SupportMeasureFactory(application_url=APPLY_URL)
    solution, draft_solution = _solutions()
    return World(
        measure=measure,
        draft=SupportMeasureFactory(live=False),
        bookmark=BookmarkFactory(user=employee, measure=measure),
        alert=MeasureAlert.objects.create(user=employee, title="Мои гранты", query="q=грант"),
        feed=CalendarFeed.objects.create(user=employee, token=CalendarFeed.new_token()),
        solution=solution,
        draft_solution=draft_solution,
        measure_import=MeasureImport.objects.create(
            file=ContentFile(b"x", name="measures.csv"), file_name="measures.csv"
        ),
    )


@pytest.fixture
def as_role(cms_client, employee, other_employee, unverified_user, editor):
    """A fresh client per role; the editor also has the two-factor setup the admin requires."""
    cms_client(editor)
    users = {
        "unverified": unverified_user,
        "employee": employee,
        "other": other_employee,
        "editor": editor,
    }

    def sign_in(role):
        client = Client()
        if role in users:
            client.force_login(users[role])
        return client

    return sign_in


def url(name, *args, query=""):
    """The address of view `name`; callable args are read from the world when the test runs."""

    def build(world):
        values = [arg(world) if callable(arg) else arg for arg in args]
        return reverse(name, args=values) + (f"?{query}" if query else "")

    return build


def absolute(attribute):
    """The address of a world object that knows its own URL (feeds, imports, pages)."""
    return lambda world: getattr(world, attribute).get_absolute_url()


SLUG = attrgetter("measure.slug")
DRAFT_SLUG = attrgetter("draft.slug")
BOOKMARK = attrgetter("bookmark.pk")
ALERT = attrgetter("alert.pk")
TOKEN = lambda world: world.alert.unsubscribe_token()  # noqa: E731
SNIPPETS = "wagtailsnippets_navigator_supportmeasure"
REPORTS = "admin:navigator_"

EVERYONE_200 = (200,) * 5
EVERYONE_404 = (404,) * 5
SIGNED_IN_200 = (LOGIN, 200, 200, 200, 200)
SIGNED_IN_404 = (LOGIN, 404, 404, 404, 404)
SIGNED_IN_AWAY = (LOGIN, AWAY, AWAY, AWAY, AWAY)
# Somebody else's bookmark or alert: only its owner, the employee, reaches it.
OWNER_200 = (LOGIN, 404, 200, 404, 404)
OWNER_AWAY = (LOGIN, 404, AWAY, 404, 404)
# The Django admin reports: editors only; the others are sent to sign in.
EDITOR_ONLY = (LOGIN,) * 4 + (200,)
# Wagtail admin: editors only; signed-in others get the portal's 403 page (no sign-in loop).
WAGTAIL_EDITOR_ONLY = (LOGIN, 403, 403, 403, 200)

ALERT_DATA = {"title": "Субсидии", "frequency": "daily", "query": "kind=subsidy"}
STATUS_DATA = {"status": ApplicationStatus.APPLIED}
CORRECTION_DATA = {"text": "Срок приёма продлён до 15 мая."}

# (label, method, url, POST data, expected answer per role in ROLES order)
GRID = [
    # --- public pages and files ---
    ("list", "get", url("navigator:index"), None, EVERYONE_200),
    ("list filtered", "get", url("navigator:index", query="q=грант"), None, EVERYONE_200),
    ("for me", "get", url("navigator:for_me"), None, EVERYONE_200),
    ("measure page", "get", url("navigator:measure", SLUG), None, EVERYONE_200),
    ("draft measure page", "get", url("navigator:measure", DRAFT_SLUG), None, EVERYONE_404),
    ("print view", "get", url("navigator:measure_print", SLUG), None, EVERYONE_200),
    ("draft print view", "get", url("navigator:measure_print", DRAFT_SLUG), None, EVERYONE_404),
    (".ics of a measure", "get", url("navigator:measure_ics", SLUG), None, EVERYONE_200),
    (".ics of a draft", "get", url("navigator:measure_ics", DRAFT_SLUG), None, EVERYONE_404),
    ("apply link", "get", url("navigator:apply", SLUG), None, (AWAY,) * 5),
    ("apply link of a draft", "get", url("navigator:apply", DRAFT_SLUG), None, EVERYONE_404),
    ("export csv", "get", url("navigator:export", "csv"), None, EVERYONE_200),
    ("export xlsx", "get", url("navigator:export", "xlsx"), None, EVERYONE_200),
    ("export pdf", "get", url("navigator:export", "pdf"), None, EVERYONE_404),
    ("api", "get", url("navigator:api_measures"), None, EVERYONE_200),
    ("api bad page", "get", url("navigator:api_measures", query="page=99"), None, EVERYONE_404),
    # --- the personal calendar feed: the secret token is the credential ---
    ("feed by token", "get", absolute("feed"), None, EVERYONE_200),
    ("feed by a wrong token", "get", url("navigator:calendar_feed", "x" * 43), None, EVERYONE_404),
    ("feed renew", "post", url("navigator:calendar_feed_renew"), {}, SIGNED_IN_AWAY),
    ("feed renew by GET", "get", url("navigator:calendar_feed_renew"), None, (LOGIN,) + (405,) * 4),
    # --- bookmarks and application status ---
    ("bookmark list", "get", url("navigator:bookmarks"), None, SIGNED_IN_200),
    ("bookmark add", "post", url("navigator:bookmark_add", SLUG), {}, SIGNED_IN_AWAY),
    ("bookmark a draft", "post", url("navigator:bookmark_add", DRAFT_SLUG), {}, SIGNED_IN_404),
    ("bookmark form", "get", url("navigator:bookmark_edit", BOOKMARK), None, OWNER_200),
    ("bookmark status", "post", url("navigator:bookmark_edit", BOOKMARK), STATUS_DATA, OWNER_AWAY),
    ("bookmark delete", "post", url("navigator:bookmark_delete", BOOKMARK), {}, OWNER_AWAY),
    ("followed spheres", "post", url("navigator:follow_spheres"), {}, SIGNED_IN_AWAY),
    # --- alerts ---
    ("alert list", "get", url("navigator:alerts"), None, SIGNED_IN_200),
    ("alert form", "get", url("navigator:alert_create"), None, SIGNED_IN_200),
    ("alert create", "post", url("navigator:alert_create"), ALERT_DATA, SIGNED_IN_AWAY),
    ("alert delete", "post", url("navigator:alert_delete", ALERT), {}, OWNER_AWAY),
    ("unsubscribe page", "get", lambda w: w.alert.get_unsubscribe_url(), None, EVERYONE_200),
    ("unsubscribe", "post", lambda w: w.alert.get_unsubscribe_url(), {}, EVERYONE_200),
    # The navigator's own address, which digests mailed before the move to portal carry.
    ("old unsubscribe link", "post", url("navigator:alert_unsubscribe", TOKEN), {}, EVERYONE_200),
    ("forged unsubscribe", "get", url("navigator:alert_unsubscribe", "1:x"), None, EVERYONE_404),
    # --- «предложить исправление» ---
    ("correction form", "get", url("navigator:correction", SLUG), None, SIGNED_IN_200),
    ("correction send", "post", url("navigator:correction", SLUG), CORRECTION_DATA, SIGNED_IN_AWAY),
    ("correction of a draft", "get", url("navigator:correction", DRAFT_SLUG), None, SIGNED_IN_404),
    # --- ready solutions (Wagtail pages) ---
    ("solution index", "get", lambda w: w.solution.get_parent().url, None, EVERYONE_200),
    ("live solution", "get", lambda w: w.solution.url, None, EVERYONE_200),
    ("draft solution", "get", lambda w: w.draft_solution.url, None, EVERYONE_404),
    # --- Wagtail admin: measures as snippets and the import ---
    ("snippet list", "get", url(f"{SNIPPETS}:list"), None, WAGTAIL_EDITOR_ONLY),
    ("snippet edit", "get", url(f"{SNIPPETS}:edit", attrgetter("draft.pk")), None,
     WAGTAIL_EDITOR_ONLY),
    ("import", "get", url("navigator_import"), None, WAGTAIL_EDITOR_ONLY),
    ("import history", "get", url("navigator_import_list"), None, WAGTAIL_EDITOR_ONLY),
    ("import report", "get", absolute("measure_import"), None, WAGTAIL_EDITOR_ONLY),
    # --- Django admin reports ---
    ("zero-result report", "get", url(f"{REPORTS}zeroresultsearch_changelist"), None, EDITOR_ONLY),
    ("popular report", "get", url(f"{REPORTS}popularmeasure_changelist"), None, EDITOR_ONLY),
    ("link checks", "get", url(f"{REPORTS}linkcheck_changelist"), None, EDITOR_ONLY),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "url", "data", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in GRID],
)
def test_each_role_gets_the_expected_answer_from_each_navigator_url(
    world, as_role, method, url, data, expected
):
    # The owner goes last: their delete or unsubscribe must not change what the others get.
    answers = {}
    for role in sorted(ROLES, key=lambda role: role == "employee"):
        response = getattr(as_role(role), method)(url(world), data or {})
        answers[role] = answer(response)
    assert answers == dict(zip(ROLES, expected, strict=True))


@pytest.mark.parametrize(
    "report", ["zeroresultsearch", "popularmeasure", "linkcheck"], ids=lambda name: name
)
def test_administrators_open_the_navigator_reports(cms_client, administrator, report):
    client = cms_client(administrator)
    assert client.get(reverse(f"{REPORTS}{report}_changelist")).status_code == 200


@pytest.mark.parametrize("role", ["unverified", "other", "editor"])
def test_nobody_but_the_owner_changes_or_deletes_a_bookmark_or_an_alert(world, as_role, role):
    client = as_role(role)
    client.post(url("navigator:bookmark_edit", BOOKMARK)(world), {"status": ApplicationStatus.WON})
    client.post(url("navigator:bookmark_delete", BOOKMARK)(world))
    client.post(url("navigator:alert_delete", ALERT)(world))
    world.bookmark.refresh_from_db()
    assert world.bookmark.status == ApplicationStatus.PLANNED
    assert MeasureAlert.objects.filter(pk=world.alert.pk).exists()


def test_lists_and_the_calendar_feed_show_only_the_users_own_bookmarks_and_alerts(
    world, client, other_employee
):
    theirs = BookmarkFactory(user=other_employee, measure=SupportMeasureFactory(title="Их мера"))
    client.force_login(other_employee)
    bookmarks = client.get(reverse("navigator:bookmarks")).content.decode()
    alerts = client.get(reverse("navigator:alerts")).content.decode()
    assert "Их мера" in bookmarks and world.measure.title not in bookmarks
    assert world.alert.title not in alerts
    # Unfolded: iCalendar wraps long lines with a line break and a space.
    feed = client.get(world.feed.get_absolute_url()).content.decode().replace("\r\n ", "")
    assert world.measure.title in feed and theirs.measure.title not in feed

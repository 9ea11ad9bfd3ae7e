"""Who may open every address of «Правовой вектор»: each URL × each role, with the expected answer.

Expected outcomes: a status code, LOGIN (a redirect to sign in) or MOVED (any other redirect:
the action was allowed and went back to a page).
"""

import uuid
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from legal_vector.models import (
    Bookmark,
    BookmarkFolder,
    Consultation,
    ConsultationAttachment,
    ConsultationMessage,
    QAItem,
    Subscription,
)
from tests.access_grid import AWAY as MOVED
from tests.access_grid import LOGIN, answer, role_params, url_names

ROLES = ["guest", "unverified_user", "employee", "other_employee", "lawyer"]
# Outcomes in the order of ROLES.
PUBLIC = (200,) * 5
PUBLIC_REDIRECT = (MOVED,) * 5
VERIFIED_PAGE = (LOGIN, 403, 200, 200, 200)
VERIFIED_ACTION = (LOGIN, 403, MOVED, MOVED, MOVED)
# Private tools (bookmarks, subscriptions) need a confirmed e-mail only (docs/roles.md).
PRIVATE_PAGE = (LOGIN, 200, 200, 200, 200)
PRIVATE_ACTION = (LOGIN, MOVED, MOVED, MOVED, MOVED)
OWN_ACTION = (LOGIN, 404, MOVED, 404, 404)
LAWYER_ACTION = (LOGIN, 403, 403, 403, MOVED)


@dataclass
class World:
    law: object
    consultation: Consultation
    published_qa: QAItem
    hidden_qa: QAItem
    bookmark: Bookmark
    folder: BookmarkFolder
    subscription: Subscription
    attachment_url: str


@pytest.fixture
def world(amended_law, employee, lawyer, settings, tmp_path):
    consultation, _ = Consultation.submit(
        employee, "Как избирается глава муниципального образования?", uuid.uuid4()
    )
    consultation.give_answer(lawyer, "По уставу муниципального образования.")
    settings.MEDIA_ROOT = tmp_path
    message = ConsultationMessage.objects.create(consultation=consultation, author=employee)
    attachment = ConsultationAttachment.objects.create(
        message=message,
        file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        name="a.pdf",
        kind="pdf",
        size=8,
    )
    folder = BookmarkFolder.objects.create(user=employee, name="Слушания")
    bookmark, _ = Bookmark.objects.place(employee, amended_law, "st1", "ст. 1", folder=folder)
    subscription, _ = Subscription.objects.pin(employee, amended_law, "st36", "ст. 36")
    return World(
        law=amended_law,
        consultation=consultation,
        published_qa=QAItem.objects.create(question="Опубликованный вопрос", answer="Ответ"),
        hidden_qa=QAItem.objects.create(
            question="Черновик вопроса", answer="Ответ", is_published=False
        ),
        bookmark=bookmark,
        folder=folder,
        subscription=subscription,
        attachment_url=attachment.get_absolute_url(),
    )


def consultation_action(name):
    return lambda w: reverse("legal_vector:consultation_action", args=[w.consultation.pk, name])


def pin_data(w):
    return {"document": w.law.pk, "stable_key": "st14"}


# (case id, method, url of the world, POST data of the world, outcomes per role)
CASES = [
    ("landing", "get", lambda w: reverse("legal_vector:index"), None, PUBLIC),
    ("document", "get", lambda w: w.law.get_absolute_url(), None, PUBLIC),
    ("unit", "get", lambda w: reverse("legal_vector:unit", args=[w.law.pk, "st36/ch1"]), None,
     PUBLIC_REDIRECT),
    ("diff", "get", lambda w: reverse("legal_vector:diff", args=[w.law.pk]), None, PUBLIC),
    ("changes", "get", lambda w: reverse("legal_vector:changes", args=[w.law.pk]), None, PUBLIC),
    ("search", "get", lambda w: reverse("legal_vector:search") + "?q=глава", None, PUBLIC),
    ("ask", "get", lambda w: reverse("legal_vector:ask") + "?q=глава поселения", None, PUBLIC),
    ("ask api", "get", lambda w: reverse("legal_vector:ask_api") + "?q=глава поселения", None,
     PUBLIC),
    ("ask api post", "post", lambda w: reverse("legal_vector:ask_api"), lambda w: {"q": "глава"},
     (405,) * 5),
    ("qa", "get", lambda w: w.published_qa.get_absolute_url(), None, PUBLIC),
    ("qa unpublished", "get", lambda w: w.hidden_qa.get_absolute_url(), None, (404,) * 5),
    ("bookmarks", "get", lambda w: reverse("legal_vector:bookmarks"), None, PRIVATE_PAGE),
    ("bookmark add", "post", lambda w: reverse("legal_vector:bookmark_add"), pin_data,
     PRIVATE_ACTION),
    ("bookmark delete", "post",
     lambda w: reverse("legal_vector:bookmark_delete", args=[w.bookmark.pk]), None, OWN_ACTION),
    ("folder add", "post", lambda w: reverse("legal_vector:folder_add"),
     lambda w: {"name": "Новая папка"}, PRIVATE_ACTION),
    ("folder delete", "post",
     lambda w: reverse("legal_vector:folder_delete", args=[w.folder.pk]), None, OWN_ACTION),
    ("subscriptions", "get", lambda w: reverse("legal_vector:subscriptions"), None,
     PRIVATE_PAGE),
    ("subscription add", "post", lambda w: reverse("legal_vector:subscription_add"), pin_data,
     PRIVATE_ACTION),
    ("subscription delete", "post",
     lambda w: reverse("legal_vector:subscription_delete", args=[w.subscription.pk]), None,
     OWN_ACTION),
    ("consultations", "get", lambda w: reverse("legal_vector:consultations"), None,
     (LOGIN, 200, 200, 200, 200)),
    ("consultation new", "get", lambda w: reverse("legal_vector:consultation_new"), None,
     VERIFIED_PAGE),
    ("consultation create", "post", lambda w: reverse("legal_vector:consultation_new"),
     lambda w: {"question": "Как утверждается бюджет поселения?", "form_token": str(uuid.uuid4())},
     VERIFIED_ACTION),
    ("queue", "get", lambda w: reverse("legal_vector:consultation_queue"), None,
     (LOGIN, 403, 403, 403, 200)),
    ("consultation", "get", lambda w: w.consultation.get_absolute_url(), None,
     (LOGIN, 403, 200, 403, 200)),
    ("take", "post", consultation_action("take"), None, LAWYER_ACTION),
    ("answer", "post", consultation_action("answer"), lambda w: {"answer": "Ответ юриста."},
     LAWYER_ACTION),
    ("close", "post", consultation_action("close"), None, LAWYER_ACTION),
    ("publish", "post", consultation_action("publish"),
     lambda w: {"question": "Как избирается глава?", "answer": "По уставу."}, LAWYER_ACTION),
    ("rate", "post", consultation_action("rate"), lambda w: {"rating": "5"},
     (LOGIN, 403, MOVED, 403, 403)),
    ("follow-up", "post", consultation_action("follow-up"), lambda w: {"text": "Уточнение"},
     (LOGIN, 403, MOVED, 403, 403)),
    ("consultation file", "get", lambda w: w.attachment_url, None, (LOGIN, 403, 200, 403, 200)),
    ("action by get", "get", consultation_action("take"), None, (405,) * 5),
    ("unknown action", "post", consultation_action("delete"), None, (404,) * 5),
]  # fmt: skip


@pytest.mark.parametrize(("method", "url", "data", "role", "expected"), role_params(CASES, ROLES))
def test_access(client, request, world, method, url, data, role, expected):
    if role != "guest":
        client.force_login(request.getfixturevalue(role))
    address = url(world)
    response = getattr(client, method)(address, data(world) if data else {})
    assert answer(response) == expected


def test_every_legal_vector_url_is_in_the_grid(world):
    """A new address must be added to the grid above with who may use it."""
    from legal_vector.urls import urlpatterns

    assert url_names(CASES, world) == {pattern.name for pattern in urlpatterns}

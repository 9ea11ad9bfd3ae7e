"""Writing a practice on the site: one page per step, a draft saved at every step, a review of
the whole practice, submission to moderation, moderated edits of a published practice."""

import re

import pytest

from portal.accounts import roles
from portal.community import moderation
from portal.community.models import CaseKind, Follow, ModerationCase
from portal.models import Sphere
from portal.notifications.models import Notification
from practices.models import Practice, PracticeStatus
from tests.factories import UserFactory
from tests.practices.factories import PracticeFactory
from tests.practices.writing import (
    draft_of,
    form_data,
    step_data,
    step_url,
    write_all_steps,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TOKEN = "5b1cbbd1-7a3e-4c51-9d6d-3a8f4bb7c001"


def test_the_first_step_saves_a_draft_that_nobody_else_sees(client, employee):
    client.force_login(employee)
    response = client.post("/practices/new/", step_data("about"))
    practice = Practice.objects.get()
    assert response.url == step_url(practice, "story")
    assert practice.author == employee and practice.municipality == employee.municipality
    assert practice.status == PracticeStatus.DRAFT and not practice.live
    assert list(practice.spheres.values_list("slug", flat=True)) == ["zhkh"]
    assert practice.problem == "" and practice.started_year is None
    client.logout()
    assert client.get(f"/practices/{practice.slug}/").status_code == 404


def test_every_step_is_a_page_of_its_own_with_one_h1_and_labels(client, employee):
    client.force_login(employee)
    practice = write_all_steps(client)
    fields = {
        "about": ["title", "key_result"],
        "story": ["problem", "solution", "steps"],
        "results": ["results", "lessons", "indicators-0-name"],
        "money": ["started_year", "budget", "budget-0-amount"],
        "files": ["attachments-0-file"],
        "contacts": ["contact_name", "contact_email"],
    }
    for slug, names in fields.items():
        page = client.get(step_url(practice, slug)).content.decode()
        assert page.count("<h1") == 1, slug
        assert 'aria-current="step"' in page
        for name in names:
            found = re.search(rf'<input[^>]*name="{name}"[^>]*id="([^"]+)"', page) or re.search(
                rf'<textarea[^>]*name="{name}"[^>]*id="([^"]+)"', page
            )
            assert found, (slug, name)
            assert f'for="{found.group(1)}"' in page, (slug, name)
        others = {n for s, ns in fields.items() if s != slug for n in ns}
        assert not any(f'name="{name}"' in page for name in others), slug


def test_a_step_with_an_error_saves_nothing_of_itself_and_keeps_what_was_typed(client, employee):
    practice = draft_of(employee, problem="Старая проблема", solution="Старое решение")
    client.force_login(employee)
    data = step_data("story", problem="", solution="Новое решение")
    response = client.post(step_url(practice, "story"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Шаг не сохранён" in page and "Заполните это поле." in page
    assert "Новое решение" in page
    practice.refresh_from_db()
    assert (practice.problem, practice.solution) == ("Старая проблема", "Старое решение")


def test_a_bad_indicator_keeps_the_results_text_of_its_step_unsaved_too(client, employee):
    practice = draft_of(employee, results="Было так.")
    client.force_login(employee)
    data = {
        **step_data("results", results="Стало лучше."),
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "Очередь",
        "indicators-0-unit": "детей",
        "indicators-0-before": "много",
        "indicators-0-after": "40",
    }
    page = client.post(step_url(practice, "results"), data).content.decode()
    assert "Введите число, например 12 или 12,5." in page and 'value="много"' in page
    practice.refresh_from_db()
    assert practice.results == "Было так." and not practice.indicators.exists()


@pytest.mark.parametrize(
    "go, target", [("next", "money"), ("back", "story"), ("stay", "results"), ("", "money")]
)
def test_next_back_and_save_lead_where_they_say_and_all_save(client, employee, go, target):
    practice = draft_of(employee)
    client.force_login(employee)
    response = client.post(
        step_url(practice, "results"), step_data("results", go=go, results="Сохранено.")
    )
    assert response.url == step_url(practice, target)
    practice.refresh_from_db()
    assert practice.results == "Сохранено."


def test_the_last_step_leads_to_the_review(client, employee):
    practice = draft_of(employee)
    client.force_login(employee)
    response = client.post(step_url(practice, "contacts"), step_data("contacts"))
    assert response.url == step_url(practice, "review")


def test_the_step_list_shows_which_steps_are_complete(client, employee):
    client.force_login(employee)
    client.post("/practices/new/", step_data("about"))
    practice = Practice.objects.get()
    page = client.get(step_url(practice, "story")).content.decode()
    steps = re.findall(r'<li class="form-steps__item[^"]*"[^>]*>(.*?)</li>', page, re.S)
    states = [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in steps]
    assert states == [
        "О чём практика заполнен",
        "Проблема и решение не заполнен",
        "Результаты не заполнен",
        "Сроки и деньги не заполнен",
        "Документы и фотографии необязательный",
        "Контакты ответственного необязательный",
        "Проверка и отправка",
    ]
    assert f'href="{step_url(practice, "about")}"' in page


def test_the_edit_address_opens_the_first_step_still_to_fill_in(client, employee):
    client.force_login(employee)
    client.post("/practices/new/", step_data("about"))
    practice = Practice.objects.get()
    assert client.get(f"/practices/edit/{practice.pk}/").url == step_url(practice, "story")
    complete = draft_of(employee)
    assert client.get(f"/practices/edit/{complete.pk}/").url == step_url(complete, "review")


def test_an_unknown_step_is_not_found(client, employee):
    practice = draft_of(employee)
    client.force_login(employee)
    assert client.get(f"/practices/edit/{practice.pk}/nothing/").status_code == 404


def test_the_review_shows_the_whole_practice_and_refuses_an_incomplete_one(client, employee):
    client.force_login(employee)
    client.post("/practices/new/", step_data("about"))
    practice = Practice.objects.get()
    client.post(step_url(practice, "story"), step_data("story"))
    review = client.get(step_url(practice, "review")).content.decode()
    assert "Единое окно для многодетных семей" in review
    assert "<strong>единое окно</strong>" in review  # the Markdown, rendered as on the page
    response = client.post(step_url(practice, "review"))
    page = response.content.decode()
    assert response.status_code == 200 and "Практика не отправлена" in page
    assert f'href="{step_url(practice, "results")}">Результаты</a>' in page
    assert f'href="{step_url(practice, "money")}">Сроки и деньги</a>' in page
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT and not ModerationCase.objects.exists()


def test_a_complete_practice_is_submitted_once_and_published_on_approval(
    client, employee, moderator, other_employee, django_capture_on_commit_callbacks
):
    Follow.toggle(other_employee, Sphere.objects.get(slug="zhkh"), True)
    client.force_login(employee)
    practice = write_all_steps(client)
    response = client.post(step_url(practice, "review"), follow=True)
    assert "Практика отправлена на модерацию" in response.content.decode()
    client.post(step_url(practice, "review"))  # sent again: nothing more
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.ON_REVIEW
    case = ModerationCase.objects.get(kind=CaseKind.NEW)
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.decide(case.pk, moderator, True)
    practice.refresh_from_db()
    assert practice.live and practice.status == PracticeStatus.PUBLISHED
    assert practice.contact_email == "ivanova@example.ru" and practice.budget == 250000
    assert Notification.objects.filter(user=employee, kind="community.moderation").exists()
    assert Notification.objects.filter(user=other_employee, kind="community.followed").exists()
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "<strong>единое окно</strong>" in page


def test_a_rejected_practice_tells_the_author_why(client, employee, moderator):
    practice = draft_of(employee)
    client.force_login(employee)
    client.post(step_url(practice, "review"))
    moderation.decide(ModerationCase.objects.get().pk, moderator, False, "Опишите результаты.")
    assert Practice.objects.get().status == PracticeStatus.REJECTED
    told = Notification.objects.get(user=employee, kind="community.moderation")
    assert "Опишите результаты." in told.text


def test_an_edit_of_a_published_practice_waits_while_the_public_version_stays(
    client, employee, moderator
):
    practice = PracticeFactory(
        author=employee,
        municipality=employee.municipality,
        spheres=[Sphere.objects.get(slug="zhkh")],
    )
    client.force_login(employee)
    data = step_data("about", title="Новое название практики", go="stay")
    assert client.post(step_url(practice, "about"), data).status_code == 302
    page = client.get(step_url(practice, "about")).content.decode()
    assert 'value="Новое название практики"' in page  # the edit is kept for the next step
    practice.refresh_from_db()
    assert practice.title != "Новое название практики"
    assert not ModerationCase.objects.exists()  # saved, not yet sent
    response = client.post(step_url(practice, "review"), follow=True)
    assert "Изменения отправлены на модерацию" in response.content.decode()
    case = ModerationCase.objects.get(kind=CaseKind.EDIT)
    moderation.decide(case.pk, moderator, True)
    practice.refresh_from_db()
    assert practice.title == "Новое название практики"


def test_sending_a_published_practice_without_changes_opens_no_case(client, employee):
    practice = PracticeFactory(
        author=employee,
        municipality=employee.municipality,
        spheres=[Sphere.objects.get(slug="zhkh")],
    )
    client.force_login(employee)
    response = client.post(step_url(practice, "review"), follow=True)
    assert "Изменений нет" in response.content.decode()
    assert not ModerationCase.objects.exists()


def test_errors_are_in_russian_and_keep_what_was_typed(client, employee):
    client.force_login(employee)
    response = client.post("/practices/new/", step_data("about", title="", spheres=[]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Заполните это поле." in html and "Отметьте хотя бы одну сферу." in html
    assert "Справки за один визит вместо трёх" in html
    assert not Practice.objects.exists()
    practice = draft_of(employee)
    html = client.post(
        step_url(practice, "money"), step_data("money", started_year="2999")
    ).content.decode()
    assert "Год начала не может быть в будущем." in html and 'value="2999"' in html


def test_markdown_fields_and_the_title_keep_scripts_inert(client, employee, moderator):
    client.force_login(employee)
    practice = write_all_steps(
        client,
        title=f"Практика {XSS}",
        problem=XSS,
        solution=f"[ссылка](javascript:alert(1)) {XSS}",
    )
    for slug in ("about", "story", "review"):
        html = client.get(step_url(practice, slug)).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, slug
        assert 'href="javascript' not in html, slug
    client.post(step_url(practice, "review"))
    moderation.decide(ModerationCase.objects.get().pk, moderator, True)
    html = client.get(f"/practices/{Practice.objects.get().slug}/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript' not in html


def test_a_double_submit_of_the_first_step_creates_one_practice(client, employee):
    client.force_login(employee)
    data = {**step_data("about"), "form_token": TOKEN}
    first = client.post("/practices/new/", data)
    again = client.post("/practices/new/", data)
    reloaded = client.post("/practices/new/", step_data("about"))  # a fresh token
    assert Practice.objects.count() == 1
    assert first.url == again.url == reloaded.url


def test_who_may_write_and_edit(client, employee, unverified_user, other_employee):
    assert client.get("/practices/new/").status_code == 302
    client.force_login(unverified_user)
    assert client.get("/practices/new/").status_code == 403
    client.force_login(employee)
    practice = draft_of(employee)
    client.force_login(other_employee)
    for slug in ("about", "files", "review"):
        assert client.get(step_url(practice, slug)).status_code == 404
    assert client.post(step_url(practice, "story"), step_data("story")).status_code == 404
    assert client.post(step_url(practice, "review")).status_code == 404
    assert client.get(f"/practices/edit/{practice.pk}/").status_code == 404
    assert client.get(f"/practices/preview/{practice.pk}/").status_code == 404
    assert not ModerationCase.objects.exists()
    moderator = UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.MODERATOR])
    client.force_login(moderator)
    assert client.get(f"/practices/preview/{practice.pk}/").status_code == 200


def test_similar_practices_show_on_the_first_step_without_javascript(client, employee):
    PracticeFactory(title="Единое окно для многодетных семей района")
    client.force_login(employee)
    client.post("/practices/new/", step_data("about"))
    practice = Practice.objects.get(author=employee)
    page = client.get(step_url(practice, "about")).content.decode()
    assert "Похожие практики" in page and "Единое окно для многодетных семей района" in page
    review = client.get(step_url(practice, "review")).content.decode()
    assert "Единое окно для многодетных семей района" in review


def test_my_practices_lists_statuses(client, employee):
    client.force_login(employee)
    client.post("/practices/new/", step_data("about"))
    html = client.get("/practices/mine/").content.decode()
    assert "Единое окно для многодетных семей" in html and "черновик" in html


def test_form_data_names_only_fields_of_the_steps(db):
    # The helper must stay in step with the form: a field no step asks for would be lost.
    from practices.steps import STEPS

    assert set(form_data()) == {name for step in STEPS for name in step.fields}

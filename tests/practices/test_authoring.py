import pytest

from portal.accounts import roles
from portal.community import moderation
from portal.community.models import CaseKind, Follow, ModerationCase
from portal.models import Sphere
from portal.notifications.models import Notification
from practices.models import Practice, PracticeStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def form_data(**changes):
    data = {
        "title": "Единое окно для многодетных семей",
        "spheres": [Sphere.objects.get(slug="zhkh").pk],
        "key_result": "Справки за один визит вместо трёх",
        "problem": "Семьи ходили по трём кабинетам.",
        "solution": "Открыли **единое окно** в МФЦ.",
        "steps": "- договорились с МФЦ\n- обучили специалистов",
        "results": "Время получения справки сократилось с 10 до 2 дней.",
        "lessons": "Не сработала запись по телефону.",
        "budget": "250000",
        "funding_sources": "Местный бюджет",
        "started_year": "2023",
    }
    data.update(changes)
    return data


def test_an_employee_saves_a_draft_that_nobody_else_sees(client, employee):
    client.force_login(employee)
    response = client.post("/practices/new/", {**form_data(), "action": "draft"})
    practice = Practice.objects.get()
    assert response.url == f"/practices/edit/{practice.pk}/"
    assert practice.author == employee and practice.municipality == employee.municipality
    assert practice.status == PracticeStatus.DRAFT and not practice.live
    assert list(practice.spheres.values_list("slug", flat=True)) == ["zhkh"]
    client.logout()
    assert client.get(f"/practices/{practice.slug}/").status_code == 404


def test_submitted_practice_waits_for_a_moderator_and_is_published_on_approval(
    client, employee, moderator, other_employee, django_capture_on_commit_callbacks
):
    sphere = Sphere.objects.get(slug="zhkh")
    Follow.toggle(other_employee, sphere, True)
    client.force_login(employee)
    client.post("/practices/new/", {**form_data(), "action": "submit"})
    practice = Practice.objects.get()
    assert practice.status == PracticeStatus.ON_REVIEW
    case = ModerationCase.objects.get(kind=CaseKind.NEW)
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.decide(case.pk, moderator, True)
    practice.refresh_from_db()
    assert practice.live and practice.status == PracticeStatus.PUBLISHED
    assert Notification.objects.filter(user=employee, kind="community.moderation").exists()
    assert Notification.objects.filter(user=other_employee, kind="community.followed").exists()
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "<strong>единое окно</strong>" in page


def test_a_saved_draft_is_submitted_from_its_edit_page(client, employee):
    client.force_login(employee)
    client.post("/practices/new/", {**form_data(), "action": "draft"})
    practice = Practice.objects.get()
    response = client.post(
        f"/practices/edit/{practice.pk}/", {**form_data(), "action": "submit"}, follow=True
    )
    assert "отправлена на модерацию" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.ON_REVIEW
    assert ModerationCase.objects.filter(kind=CaseKind.NEW).count() == 1


def test_a_rejected_practice_tells_the_author_why(client, employee, moderator):
    client.force_login(employee)
    client.post("/practices/new/", {**form_data(), "action": "submit"})
    case = ModerationCase.objects.get()
    moderation.decide(case.pk, moderator, False, "Опишите результаты в цифрах.")
    assert Practice.objects.get().status == PracticeStatus.REJECTED
    told = Notification.objects.get(user=employee, kind="community.moderation")
    assert "в цифрах" in told.text


def test_an_edit_of_a_published_practice_waits_while_the_public_version_stays(
    client, employee, moderator
):
    client.force_login(employee)
    client.post("/practices/new/", {**form_data(), "action": "submit"})
    practice = Practice.objects.get()
    moderation.decide(ModerationCase.objects.get().pk, moderator, True)
    client.post(f"/practices/edit/{practice.pk}/", form_data(title="Новое название практики"))
    practice.refresh_from_db()
    assert practice.title == "Единое окно для многодетных семей"
    case = ModerationCase.objects.get(kind=CaseKind.EDIT)
    moderation.decide(case.pk, moderator, True)
    practice.refresh_from_db()
    assert practice.title == "Новое название практики"


def test_errors_are_in_russian_and_keep_what_was_typed(client, employee):
    client.force_login(employee)
    response = client.post("/practices/new/", form_data(title="", started_year="2999"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Заполните это поле." in html and "не может быть в будущем" in html
    assert "Семьи ходили по трём кабинетам." in html
    assert not Practice.objects.exists()


def test_markdown_fields_and_the_title_keep_scripts_inert(client, employee, moderator):
    client.force_login(employee)
    client.post(
        "/practices/new/",
        {
            **form_data(
                title=f"Практика {XSS}",
                problem=XSS,
                solution=f"[ссылка](javascript:alert(1)) {XSS}",
            ),
            "action": "submit",
        },
    )
    practice = Practice.objects.get()
    moderation.decide(ModerationCase.objects.get().pk, moderator, True)
    html = client.get(f"/practices/{Practice.objects.get().slug}/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript' not in html
    assert practice.pk


def test_a_double_submit_creates_one_practice(client, employee):
    client.force_login(employee)
    data = {**form_data(), "action": "draft", "form_token": "5b1cbbd1-7a3e-4c51-9d6d-3a8f4bb7c001"}
    client.post("/practices/new/", data)
    client.post("/practices/new/", data)
    assert Practice.objects.count() == 1


def test_who_may_write_and_edit(client, employee, unverified_user, other_employee):
    assert client.get("/practices/new/").status_code == 302
    client.force_login(unverified_user)
    assert client.get("/practices/new/").status_code == 403
    client.force_login(employee)
    client.post("/practices/new/", {**form_data(), "action": "draft"})
    practice = Practice.objects.get()
    client.force_login(other_employee)
    assert client.get(f"/practices/edit/{practice.pk}/").status_code == 404
    assert client.get(f"/practices/preview/{practice.pk}/").status_code == 404
    moderator = UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.MODERATOR])
    client.force_login(moderator)
    assert client.get(f"/practices/preview/{practice.pk}/").status_code == 200


def test_my_practices_lists_statuses(client, employee):
    client.force_login(employee)
    client.post("/practices/new/", {**form_data(), "action": "draft"})
    html = client.get("/practices/mine/").content.decode()
    assert "Единое окно для многодетных семей" in html and "черновик" in html

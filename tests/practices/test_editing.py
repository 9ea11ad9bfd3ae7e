import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from practices.models import Practice, PracticeStatus
from tests.factories import MunicipalityFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("wagtailsnippets_practices_practice:add")
ADMIN_LIST_URL = reverse("admin:practices_practice_changelist")


def practice_form_data(municipality, **overrides):
    data = {
        "title": "Народный бюджет в селе",
        "slug": "",
        "municipality": municipality.pk,
        "started_year": "2021",
        "budget": "5400000",
        "key_result": "Жители выбрали 17 проектов",
        "problem": "Денег на клуб не было.",
        "solution": "Сходы жителей выбирают проект.",
        "results": "17 проектов.",
        "funding_sources": "",
        "contact_name": "",
        "contact_position": "",
        "contact_email": "",
        "contact_phone": "",
        # The inline rows (indicators, budget lines, files): none.
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
        "budget_lines-TOTAL_FORMS": "0",
        "budget_lines-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_employees_without_an_editor_role_cannot_open_either_admin(client, employee):
    client.force_login(employee)
    assert client.get(ADD_URL).status_code in (302, 403)
    assert client.get(ADMIN_LIST_URL).status_code == 302  # to the admin sign-in


def test_editors_open_the_wagtail_editor_and_may_not_publish_directly(cms_client, editor):
    assert cms_client(editor).get(ADD_URL).status_code == 200
    assert editor.has_perm("practices.change_practice")
    assert not editor.has_perm("practices.publish_practice")


def test_an_editor_saves_a_draft_that_is_logged_and_not_public(cms_client, editor, client):
    municipality = MunicipalityFactory()
    response = cms_client(editor).post(ADD_URL, practice_form_data(municipality))
    assert response.status_code == 302, response.context["form"].errors
    practice = Practice.objects.get(title="Народный бюджет в селе")
    assert not practice.live
    assert practice.status == PracticeStatus.DRAFT
    assert practice.slug == "narodnyj-byudzhet-v-sele"
    assert ModelLogEntry.objects.filter(object_id=str(practice.pk), user=editor).exists()
    assert client.get(f"/practices/{practice.slug}/").status_code == 404


def test_the_editor_form_rejects_a_future_start_year_in_russian(cms_client, editor):
    municipality = MunicipalityFactory()
    response = cms_client(editor).post(
        ADD_URL, practice_form_data(municipality, started_year="2999")
    )
    assert response.status_code == 200
    assert "Год начала не может быть в будущем." in response.content.decode()
    assert not Practice.objects.exists()


def test_review_moves_a_submitted_practice_through_the_statuses(cms_client, editor, moderator):
    municipality = MunicipalityFactory()
    client = cms_client(editor)
    client.post(ADD_URL, {**practice_form_data(municipality), "action-submit": "Отправить"})
    practice = Practice.objects.get(title="Народный бюджет в селе")
    assert practice.workflow_in_progress
    assert practice.status == PracticeStatus.ON_REVIEW

    state = practice.current_workflow_task_state
    state.task.specific.on_action(state, moderator, "reject")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.REJECTED

    practice.current_workflow_state.resume(user=editor)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.ON_REVIEW

    state = practice.current_workflow_task_state
    state.task.specific.on_action(state, moderator, "approve")
    practice.refresh_from_db()
    assert practice.live and practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at is not None


def test_a_draft_of_a_published_practice_does_not_change_the_public_page(
    cms_client, editor, client
):
    practice = PracticeFactory(title="Старое название")
    edit_url = reverse("wagtailsnippets_practices_practice:edit", args=[practice.pk])
    data = practice_form_data(practice.municipality, title="Новое название", slug=practice.slug)
    response = cms_client(editor).post(edit_url, data)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "Старое название" and practice.has_unpublished_changes
    assert practice.status == PracticeStatus.PUBLISHED
    client.logout()
    assert "Старое название" in client.get(practice.get_absolute_url()).content.decode()


def test_the_municipality_chooser_finds_by_name_and_oktmo(cms_client, editor):
    MunicipalityFactory(name="Городской округ Суздальск", oktmo="17999000")
    client = cms_client(editor)
    url = reverse("practices_municipality_chooser:choose_results")
    assert "Суздальск" in client.get(url, {"q": "Суздальск"}).content.decode()
    assert "Суздальск" in client.get(url, {"q": "17999"}).content.decode()


def test_moderators_find_practices_in_django_admin(cms_client, moderator, practice):
    client = cms_client(moderator)
    response = client.get(ADMIN_LIST_URL, {"q": practice.title, "direction": ""})
    assert response.status_code == 200
    assert practice.title in response.content.decode()


def test_an_edit_in_django_admin_is_recorded_as_a_published_revision(
    cms_client, moderator, practice
):
    url = reverse("admin:practices_practice_change", args=[practice.pk])
    client = cms_client(moderator)
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        title="Исправленное название",
        municipality=practice.municipality.pk,
        spheres=[],
        support_measures=[],
        legal_documents=[],
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    practice.refresh_from_db()
    assert practice.title == "Исправленное название"
    assert practice.live and not practice.has_unpublished_changes
    assert practice.latest_revision.content["title"] == "Исправленное название"


def test_editors_may_look_but_not_change_in_django_admin(cms_client, editor, practice):
    client = cms_client(editor)
    assert client.get(ADMIN_LIST_URL).status_code == 200
    url = reverse("admin:practices_practice_change", args=[practice.pk])
    client.post(url, {"title": "Взлом"})
    practice.refresh_from_db()
    assert practice.title != "Взлом"


def test_the_preview_shows_the_page_with_contacts_to_editors(rf, editor, practice):
    request = rf.get("/")
    request.user = editor
    html = practice.serve_preview(request, "").render().content.decode()
    assert f"<h1>{practice.title}</h1>" in html
    assert practice.contact_email in html


def test_editors_see_practices_in_the_wagtail_listing(cms_client, editor, practice):
    response = cms_client(editor).get(reverse("wagtailsnippets_practices_practice:list"))
    assert response.status_code == 200
    assert practice.title in response.content.decode()

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from navigator.admin_forms import SupportMeasureAdminForm
from navigator.models import Correction, SupportMeasure
from tests.navigator.factories import OrganisationFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("wagtailsnippets_navigator_supportmeasure:add")
IMPORT_URL = reverse("navigator_import")


def measure_form_data(organiser, **overrides):
    data = {
        "title": "Грант на обустройство набережных",
        "slug": "",
        "summary": "Поддержка проектов благоустройства набережных.",
        "description": '{"blocks": [], "entityMap": {}}',
        "kind": "grant",
        "level": "federal",
        "organiser": organiser.pk,
        "municipality_types": ["urban_okrug", "municipal_okrug"],
        "recurrence": "one_off",
        "closes_on": "2026-12-20",
    }
    return {**data, **overrides}


def test_employees_without_an_editor_role_cannot_open_the_measure_editor(client, employee):
    client.force_login(employee)
    response = client.get(ADD_URL)
    assert response.status_code in (302, 403)
    assert client.get(IMPORT_URL).status_code in (302, 403)


def test_editors_can_open_the_editor_and_the_import_page(cms_client, editor):
    client = cms_client(editor)
    assert client.get(ADD_URL).status_code == 200
    assert client.get(IMPORT_URL).status_code == 200


def test_editors_may_not_publish_directly_but_moderators_may(editor, moderator):
    assert editor.has_perm("navigator.change_supportmeasure")
    assert not editor.has_perm("navigator.publish_supportmeasure")
    assert moderator.has_perm("navigator.publish_supportmeasure")


def test_measures_organisations_and_programmes_go_through_the_moderation_workflow():
    measure = SupportMeasureFactory()
    assert measure.get_workflow().name == "Проверка мер поддержки"
    assert measure.organiser.get_workflow() == measure.get_workflow()


def test_the_editor_form_warns_about_a_measure_with_the_same_title_and_organiser():
    existing = SupportMeasureFactory(title="Грант на обустройство набережных")
    data = measure_form_data(existing.organiser)
    form_class = _admin_form_class()
    form = form_class(data=data, instance=SupportMeasure(), for_user=None)
    assert not form.is_valid()
    assert "Похоже, такая мера уже есть" in str(form.errors["confirm_not_duplicate"])
    confirmed = form_class(
        data={**data, "confirm_not_duplicate": "on"}, instance=SupportMeasure(), for_user=None
    )
    assert "confirm_not_duplicate" not in confirmed.errors


def test_an_editor_saves_a_draft_that_is_logged_and_not_published(cms_client, editor):
    organiser = OrganisationFactory()
    client = cms_client(editor)
    response = client.post(ADD_URL, measure_form_data(organiser))
    assert response.status_code == 302, response.context["form"].errors
    measure = SupportMeasure.objects.get(title="Грант на обустройство набережных")
    assert measure.live is False
    assert measure.municipality_types == ["urban_okrug", "municipal_okrug"]
    assert measure.slug == "grant-na-obustrojstvo-naberezhnyh"
    assert ModelLogEntry.objects.filter(object_id=str(measure.pk), user=editor).exists()


def test_the_admin_upload_refuses_other_file_types(cms_client, editor):
    client = cms_client(editor)
    upload = SimpleUploadedFile("m.exe", b"MZ", "application/octet-stream")
    response = client.post(IMPORT_URL, {"file": upload})
    assert "Поддерживаются файлы CSV, XLSX и JSON." in response.content.decode()


def test_editors_see_the_correction_queue(cms_client, editor, employee):
    correction = Correction.objects.create(
        measure=SupportMeasureFactory(), user=employee, text="Ссылка на заявку не открывается"
    )
    client = cms_client(editor)
    response = client.get(reverse("wagtailsnippets_navigator_correction:list"))
    assert response.status_code == 200
    assert correction.text in response.content.decode()


def _admin_form_class():
    from navigator.wagtail_hooks import SupportMeasureViewSet

    form_class = SupportMeasureViewSet.edit_handler.bind_to_model(SupportMeasure).get_form_class()
    assert issubclass(form_class, SupportMeasureAdminForm)
    return form_class


def test_a_submitted_measure_is_published_when_a_moderator_approves_it(
    cms_client, editor, moderator
):
    organiser = OrganisationFactory()
    client = cms_client(editor)
    client.post(ADD_URL, {**measure_form_data(organiser), "action-submit": "Отправить"})
    measure = SupportMeasure.objects.get(title="Грант на обустройство набережных")
    assert measure.workflow_in_progress and not measure.live

    task_state = measure.current_workflow_task_state
    assert task_state.task.specific.user_can_access_editor(measure, moderator)
    task_state.task.specific.on_action(task_state, moderator, "approve")
    measure.refresh_from_db()
    assert measure.live
    assert not measure.workflow_in_progress


def test_editors_can_open_a_published_measure_with_its_history(cms_client, editor, measure):
    client = cms_client(editor)
    edit = reverse("wagtailsnippets_navigator_supportmeasure:edit", args=[measure.pk])
    history = reverse("wagtailsnippets_navigator_supportmeasure:history", args=[measure.pk])
    assert client.get(edit).status_code == 200
    assert client.get(history).status_code == 200

"""Writing a problem: drafts, one problem per submit, limits, co-authors, uploads, similar."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dialog.models import Coauthor, ExtraQuestion, Problem, ProblemStatus
from tests.dialog.factories import problem_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def form_data(zhkh, **extra):
    return {
        "direction": zhkh.pk,
        "title": "Нет средств на содержание бесхозяйных сетей",
        "description": "Сети водоснабжения не оформлены в собственность, и содержать их не на что.",
        "consequences": "Аварии",
        "proposed_solution": "Упростить признание права собственности",
        "level": "federal",
        "form_token": "3b2f7c1e-6c0a-4a1e-9d7e-0a1b2c3d4e5f",
        **extra,
    }


def test_a_draft_is_saved_and_a_double_submit_creates_one_problem(client, author, zhkh):
    client.force_login(author)
    first = client.post(reverse("dialog:new"), form_data(zhkh, draft="1"))
    second = client.post(reverse("dialog:new"), form_data(zhkh, draft="1"))
    problem = Problem.objects.get()
    assert first.status_code == second.status_code == 302
    assert second["Location"] == problem.get_absolute_url()
    assert problem.status == ProblemStatus.DRAFT
    assert problem.municipality == author.municipality
    assert problem.region == author.municipality.region


def test_sending_puts_the_problem_on_moderation_and_logs_it(client, author, zhkh):
    client.force_login(author)
    client.post(reverse("dialog:new"), form_data(zhkh, send="1"))
    problem = Problem.objects.get()
    assert problem.status == ProblemStatus.MODERATION
    entry = problem.history.get()
    assert (entry.source, entry.target, entry.actor) == ("draft", "moderation", author)


def test_unverified_users_and_guests_cannot_submit(client, unverified_user, zhkh):
    assert client.get(reverse("dialog:new")).status_code == 302
    client.force_login(unverified_user)
    assert client.post(reverse("dialog:new"), form_data(zhkh, send="1")).status_code == 403
    assert not Problem.objects.exists()


def test_errors_are_in_russian_and_keep_what_was_typed(client, author, zhkh):
    client.force_login(author)
    response = client.post(reverse("dialog:new"), form_data(zhkh, description="коротко"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "хотя бы 30 символов" in page
    assert "Нет средств на содержание бесхозяйных сетей" in page
    assert not Problem.objects.exists()


def test_the_daily_limit_keeps_the_draft_and_says_why(client, author, zhkh, settings):
    settings.DIALOG_SUBMISSIONS_PER_DAY = 1
    client.force_login(author)
    client.post(reverse("dialog:new"), form_data(zhkh, send="1"))
    response = client.post(
        reverse("dialog:new"),
        form_data(
            zhkh,
            send="1",
            title="Другая проблема про тарифы ЖКХ",
            form_token="9f2f7c1e-6c0a-4a1e-9d7e-0a1b2c3d4e5f",
        ),
        follow=True,
    )
    assert "не больше 1 проблем" in response.content.decode()
    assert sorted(Problem.objects.values_list("status", flat=True)) == ["draft", "moderation"]


def test_markup_is_stripped_and_the_rest_escaped(client, author, zhkh):
    client.force_login(author)
    client.post(
        reverse("dialog:new"),
        form_data(zhkh, send="1", title='<script>alert(1)</script>Тарифы & "сети" растут'),
    )
    problem = Problem.objects.get()
    assert "<script" not in problem.title
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "Тарифы &amp; &quot;сети&quot; растут" in page


def test_a_pdf_is_attached_and_a_disguised_file_is_refused(client, author, zhkh):
    client.force_login(author)
    fake = SimpleUploadedFile("act.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("dialog:new"), {**form_data(zhkh), "attachment": fake})
    assert response.status_code == 400
    assert "Можно приложить только" in response.content.decode()
    real = SimpleUploadedFile("act.pdf", PDF, content_type="application/pdf")
    client.post(reverse("dialog:new"), {**form_data(zhkh), "attachment": real})
    attachment = Problem.objects.get().attachments.get()
    assert (attachment.kind, attachment.name) == ("pdf", "act.pdf")


def test_a_zip_bomb_disguised_as_docx_is_refused(client, author, zhkh):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (60 * 1024 * 1024))
    client.force_login(author)
    upload = SimpleUploadedFile("big.docx", buffer.getvalue())
    response = client.post(reverse("dialog:new"), {**form_data(zhkh), "attachment": upload})
    assert response.status_code == 400
    assert "после распаковки" in response.content.decode()


def test_extra_questions_of_the_direction_are_asked_and_stored(client, author, zhkh):
    question = ExtraQuestion.objects.create(
        direction=zhkh, text="Сколько домов затронуто?", is_required=True
    )
    client.force_login(author)
    page = client.get(reverse("dialog:new") + "?direction=zhkh").content.decode()
    assert "Сколько домов затронуто?" in page
    response = client.post(reverse("dialog:new"), form_data(zhkh))
    assert response.status_code == 400
    client.post(reverse("dialog:new"), form_data(zhkh, **{question.field_name: "12 домов"}))
    assert Problem.objects.get().extra_answers == {str(question.pk): "12 домов"}


def test_coauthors_are_invited_and_confirm(client, author, coauthor, zhkh):
    client.force_login(author)
    client.post(reverse("dialog:new"), form_data(zhkh, coauthors=coauthor.email.upper()))
    problem = Problem.objects.get()
    invitation = Coauthor.objects.get(problem=problem)
    assert invitation.confirmed_at is None
    assert not problem.is_authored_by(coauthor)
    client.force_login(coauthor)
    assert client.get(problem.get_absolute_url()).status_code == 200
    client.post(reverse("dialog:confirm_coauthor", args=[problem.pk]))
    assert problem.is_authored_by(coauthor)


def test_unknown_coauthor_addresses_are_named(client, author, zhkh):
    client.force_login(author)
    response = client.post(reverse("dialog:new"), form_data(zhkh, coauthors="nobody@example.ru"))
    assert "nobody@example.ru" in response.content.decode()
    assert not Problem.objects.exists()


@pytest.mark.django_db
def test_similar_problems_come_from_the_same_direction_first(client, zhkh, roads):
    same = problem_in(
        ProblemStatus.PUBLISHED, title="Бесхозяйные сети водоснабжения", direction=zhkh
    )
    other = problem_in(
        ProblemStatus.PUBLISHED, title="Бесхозяйные сети освещения дорог", direction=roads
    )
    problem_in(ProblemStatus.MODERATION, title="Бесхозяйные сети на модерации", direction=zhkh)
    response = client.get(
        reverse("dialog:similar"), {"title": "бесхозяйные сети", "direction": zhkh.pk}
    )
    page = response.content.decode()
    assert page.index(same.title) < page.index(other.title)
    assert "на модерации" not in page

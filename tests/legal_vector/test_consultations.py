# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from legal_vector.models import Consultation, ConsultationStatus, QAItem
from portal.notifications.models import Notification
from tests.legal_vector.legal_search_fixtures import legal_base  # noqa: F401

NEW = reverse("legal_vector:consultation_new")
QUEUE = reverse("legal_vector:consultation_queue")
QUESTION = "Как избирается глава муниципального образования в нашем округе?"


def action(consultation, name):
    return reverse("legal_vector:consultation_action", args=[consultation.pk, name])


@pytest.fixture
def consultation(employee, legal_base):
    created, _ = Consultation.submit(employee, QUESTION, uuid.uuid4())
    return created


def submit(client, question=QUESTION, token=None):
    return client.post(NEW, {"question": question, "form_token": str(token or uuid.uuid4())})


def test_the_form_is_prefilled_with_the_question_and_bot_citations(
    client,
    employee,
    legal_base,
):
    client.force_login(employee)
    response = client.get(NEW, {"q": QUESTION})
    html = response.content.decode()
    assert QUESTION in html
    assert "ч. 2 ст. 36 Федерального закона" in html


def test_submitting_creates_a_consultation_with_citations_due_date_and_notice(
    client,
    employee,
    legal_base,
    settings,
):
    settings.CONSULTATION_SLA_DAYS = 5
    client.force_login(employee)
    response = submit(client)
    consultation = Consultation.objects.get()
    assert response.url == consultation.get_absolute_url()
    assert consultation.status == ConsultationStatus.NEW
    assert (consultation.due_on - timezone.localdate()).days == 5
    assert consultation.citations.filter(source="bot", stable_key="st36/ch2").exists()
    assert Notification.objects.filter(user=employee, kind="legal.consultation").count() == 1


def test_a_double_submit_does_not_create_a_duplicate(client, employee, legal_base):
    client.force_login(employee)
    token = uuid.uuid4()
    submit(client, token=token)
    submit(client, token=token)
    assert Consultation.objects.count() == 1


def test_an_invalid_question_keeps_the_text_and_explains(client, employee, db):
    client.force_login(employee)
    response = submit(client, question="ой")
    assert response.status_code == 200
    assert "хотя бы 10 символов" in response.content.decode()
    assert "ой</textarea>" in response.content.decode()
    assert not Consultation.objects.exists()


def test_markup_in_the_question_is_stripped(client, employee, legal_base):
    client.force_login(employee)
    submit(client, question="<b>Жирный</b> вопрос о публичных слушаниях<script>x</script>")
    assert Consultation.objects.get().question == "Жирный вопрос о публичных слушаниях"


def test_guests_and_unverified_users_cannot_ask_a_lawyer(client, unverified_user, db):
    assert client.get(NEW).status_code == 302
    client.force_login(unverified_user)
    assert client.get(NEW).status_code == 403


def test_a_consultation_is_private_to_its_author_and_lawyers(
    client, consultation, other_employee, lawyer
):
    url = consultation.get_absolute_url()
    assert client.get(url).status_code == 302
    client.force_login(other_employee)
    assert client.get(url).status_code == 403
    client.force_login(consultation.author)
    assert client.get(url).status_code == 200
    client.force_login(lawyer)
    assert client.get(url).status_code == 200


def test_only_lawyers_see_the_queue_and_act(client, consultation, employee, lawyer):
    client.force_login(employee)
    assert client.get(QUEUE).status_code == 403
    assert client.post(action(consultation, "take")).status_code == 403
    client.force_login(lawyer)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert consultation in response.context["queue"]


def test_the_full_workflow_notifies_the_author_at_each_step(
    client,
    consultation,
    lawyer,
    legal_base,
):
    client.force_login(lawyer)
    client.post(action(consultation, "take"))
    client.post(
        action(consultation, "answer"),
        {
            "answer": "Глава избирается в порядке, установленном уставом.",
            "citations": "ч. 2 ст. 36 131-ФЗ",
        },
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ANSWERED
    assert consultation.assignee == lawyer
    assert consultation.citations.filter(source="lawyer", stable_key="st36/ch2").exists()
    client.force_login(consultation.author)
    client.post(action(consultation, "rate"), {"rating": "5"})
    consultation.refresh_from_db()
    assert consultation.rating == 5
    assert consultation.status == ConsultationStatus.CLOSED
    texts = list(
        Notification.objects.filter(user=consultation.author).values_list("text", flat=True)
    )
    assert len(texts) == 4


def test_an_unknown_citation_in_the_answer_is_refused_and_nothing_changes(
    client, consultation, lawyer
):
    client.force_login(lawyer)
    response = client.post(
        action(consultation, "answer"), {"answer": "Ответ", "citations": "ст. 999 131-ФЗ\nчто-то"}
    )
    assert response.status_code == 400
    assert "Не нашли в базе" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.NEW
    assert consultation.answer == ""


def test_transitions_out_of_order_are_refused(consultation, lawyer):
    with pytest.raises(ValidationError):
        consultation.close()
    consultation.take(lawyer)
    with pytest.raises(ValidationError):
        consultation.take(lawyer)


def test_only_the_author_rates(client, consultation, lawyer, other_employee):
    consultation.give_answer(lawyer, "Ответ юриста")
    client.force_login(other_employee)
    assert client.post(action(consultation, "rate"), {"rating": "1"}).status_code == 403
    consultation.refresh_from_db()
    assert consultation.rating is None


def test_a_lawyer_publishes_an_anonymised_answer_to_the_qa_base(
    client,
    consultation,
    lawyer,
    legal_base,
):
    unit = legal_base["131-ФЗ"].units.get(stable_key="st36/ch2", edition__is_current=True)
    consultation.give_answer(lawyer, "Ответ юриста Иванова для Петрова", [unit])
    client.force_login(lawyer)
    client.post(
        action(consultation, "publish"),
        {"question": "Как избирается глава?", "answer": "По уставу и 131-ФЗ."},
    )
    item = QAItem.objects.get(source_consultation=consultation)
    assert item.question == "Как избирается глава?"
    assert list(item.citations.values_list("stable_key", flat=True)) == ["st36/ch2"]


def test_my_consultations_lists_only_mine(client, consultation, other_employee):
    Consultation.submit(other_employee, "Чужой вопрос о бюджете поселения", uuid.uuid4())
    client.force_login(consultation.author)
    page = client.get(reverse("legal_vector:consultations")).context["page"]
    assert list(page.object_list) == [consultation]


def test_the_cabinet_shows_my_consultations(client, consultation):
    client.force_login(consultation.author)
    html = client.get(reverse("cabinet:index")).content.decode()
    assert "Мои консультации" in html
    assert consultation.get_absolute_url() in html


def test_the_queue_runs_a_bounded_number_of_queries(
    client,
    lawyer,
    employee,
    legal_base,
    django_assert_max_num_queries,
):
    for _ in range(15):
        Consultation.submit(employee, QUESTION, uuid.uuid4())
    client.force_login(lawyer)
    with django_assert_max_num_queries(8):
        client.get(QUEUE)


def test_the_detail_page_runs_a_bounded_number_of_queries(
    client, consultation, lawyer, legal_base, django_assert_max_num_queries
):
    units = list(legal_base["131-ФЗ"].units.filter(edition__is_current=True)[:8])
    consultation.give_answer(lawyer, "Ответ со ссылками", units)
    client.force_login(lawyer)
    with django_assert_max_num_queries(10):
        response = client.get(consultation.get_absolute_url())
    assert len(response.context["lawyer_citations"]) == 8


TRICKY = 'ООО "Рога & Копыта" арендует < 600 кв. м, а не > 1000 — можно ли без торгов?'


def test_ampersands_quotes_and_angle_brackets_are_stored_as_typed_and_shown_once_escaped(
    client, employee, lawyer, legal_base
):
    client.force_login(employee)
    submit(client, question=TRICKY)
    consultation = Consultation.objects.get()
    assert consultation.question == TRICKY
    client.force_login(lawyer)
    client.post(action(consultation, "answer"), {"answer": "Можно, если < 600 & без торгов."})
    consultation.refresh_from_db()
    assert consultation.answer == "Можно, если < 600 & без торгов."
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert "&quot;Рога &amp; Копыта&quot; арендует &lt; 600 кв. м, а не &gt; 1000" in html
    assert "если &lt; 600 &amp; без торгов" in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html


def test_a_published_qa_item_keeps_the_lawyers_text_as_typed(client, consultation, lawyer):
    consultation.give_answer(lawyer, "Ответ")
    client.force_login(lawyer)
    client.post(
        action(consultation, "publish"),
        {"question": "Аренда < 600 кв. м & торги?", "answer": 'Да, "по закону" > 5 лет.'},
    )
    item = QAItem.objects.get()
    assert (item.question, item.answer) == (
        "Аренда < 600 кв. м & торги?",
        'Да, "по закону" > 5 лет.',
    )
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Аренда &lt; 600 кв. м &amp; торги?" in html
    assert "&amp;amp;" not in html


def test_publishing_a_question_already_in_the_base_explains_and_keeps_the_text(
    client, consultation, lawyer
):
    QAItem.objects.create(question="Как избирается глава?", answer="Из редакции.")
    consultation.give_answer(lawyer, "Ответ")
    client.force_login(lawyer)
    response = client.post(
        action(consultation, "publish"),
        {"question": "Как избирается глава?", "answer": "Обезличенный ответ юриста."},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "В базе уже есть вопрос с такой формулировкой" in html
    assert "Обезличенный ответ юриста.</textarea>" in html
    assert "<details open>" in html
    assert list(QAItem.objects.values_list("answer", flat=True)) == ["Из редакции."]


def test_republishing_the_same_consultation_updates_its_own_item(client, consultation, lawyer):
    consultation.give_answer(lawyer, "Ответ")
    client.force_login(lawyer)
    data = {"question": "Как избирается глава?", "answer": "Первый вариант."}
    client.post(action(consultation, "publish"), data)
    response = client.post(action(consultation, "publish"), {**data, "answer": "Исправлено."})
    assert response.status_code == 302
    assert QAItem.objects.get().answer == "Исправлено."


def test_an_invalid_publish_form_keeps_the_anonymised_text(client, consultation, lawyer):
    consultation.give_answer(lawyer, "Ответ")
    client.force_login(lawyer)
    response = client.post(
        action(consultation, "publish"),
        {"question": "<b></b>", "answer": "Обезличенный ответ юриста."},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Напишите обезличенный вопрос." in html
    assert "Обезличенный ответ юриста.</textarea>" in html
    assert not QAItem.objects.exists()


def test_an_invalid_answer_is_shown_again_with_the_whole_page(client, consultation, lawyer):
    client.force_login(lawyer)
    response = client.post(
        action(consultation, "answer"), {"answer": "", "citations": "ч. 2 ст. 36 131-ФЗ"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Напишите ответ." in html
    assert "ч. 2 ст. 36 131-ФЗ</textarea>" in html
    assert response.context["publish_form"] is not None
    assert response.context["rating_form"] is not None
    assert "lawyer_citations" in response.context
    assert "Очередь консультаций" in html

"""The key flow in a real browser: submit → a moderator publishes → it is assigned → a
colleague supports → the SLA passes and it escalates → the expert answers → the author sees
the answer and the timeline, rates it and asks for a review."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from dialog import notifying, workflow
from dialog.models import Problem, ProblemStatus
from portal.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_a_problem_goes_from_submission_to_a_contested_answer(
    page, live_server, author, moderator, dialog_expert, lead_expert, other_employee
):
    sign_in(page, author, live_server)
    page.goto("/dialog/new/?direction=zhkh")
    page.get_by_label("Суть проблемы").fill("Нет средств на содержание бесхозяйных сетей")
    page.get_by_label("Описание").fill(
        "Водопроводные сети не оформлены в собственность, и содержать их не на что."
    )
    page.get_by_role("button", name="Отправить на модерацию").click()
    expect(page.get_by_text("Проблема отправлена на модерацию.")).to_be_visible()
    problem = Problem.objects.get()
    assert problem.status == ProblemStatus.MODERATION

    sign_in(page, moderator, live_server)
    page.goto(problem.get_absolute_url())
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Проблема опубликована.")).to_be_visible()
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.REVIEW and problem.assignee == dialog_expert

    sign_in(page, other_employee, live_server)
    page.goto(problem.get_absolute_url())
    page.get_by_role("button", name="Поддержать").click()
    expect(page.get_by_text("Поддержали 1: 1 муниципалитетов из 1 регионов")).to_be_visible()
    page.get_by_label("Ваш комментарий").fill("У нас в районе та же беда с сетями.")
    page.get_by_role("button", name="Отправить", exact=True).click()
    expect(page.get_by_text("У нас в районе та же беда с сетями.")).to_be_visible()

    # The clock jumps past the SLA: the beat task escalates it once.
    assert workflow.escalate_overdue(now=problem.due_at + datetime.timedelta(hours=1)) == 1
    assert Notification.objects.filter(user=lead_expert, kind=notifying.KIND_ESCALATION).exists()

    sign_in(page, dialog_expert, live_server)
    page.goto("/dialog/queue/")
    page.get_by_role("link", name="Нет средств на содержание бесхозяйных сетей").click()
    page.get_by_label("Официальный ответ").fill("Предложение направлено в Минстрой России.")
    page.get_by_role("button", name="Опубликовать ответ").click()
    expect(page.get_by_text("Ответ опубликован.")).to_be_visible()

    sign_in(page, author, live_server)
    page.goto(problem.get_absolute_url())
    expect(page.get_by_text("Предложение направлено в Минстрой России.")).to_be_visible()
    timeline = page.locator(".dialog-timeline")
    expect(timeline).to_contain_text("эскалация")
    expect(timeline).to_contain_text("дан ответ")
    page.get_by_label("2", exact=True).check()
    page.get_by_role("button", name="Оценить").click()
    expect(page.get_by_text("Спасибо за оценку.")).to_be_visible()
    page.get_by_label("Почему ответ нужно пересмотреть").fill("Ответ не касается сути проблемы.")
    page.get_by_role("button", name="Запросить пересмотр").click()
    expect(page.get_by_text("Ответ передан ведущему эксперту на пересмотр.")).to_be_visible()
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.REVIEW and problem.assignee == lead_expert
    assert problem.answers.get().rating == 2
    assert timezone.now() > problem.published_at

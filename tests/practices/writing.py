"""Writing a practice on the site step by step: the data of each step and the addresses."""

from django.urls import reverse

from portal.models import Sphere
from practices.steps import BY_SLUG
from tests.practices.factories import PracticeFactory


def form_data(**changes):
    """Every field of the practice form; `step_data` picks those of one step."""
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
        "contact_name": "Иванова Мария",
        "contact_position": "",
        "contact_email": "ivanova@example.ru",
        "contact_phone": "",
    }
    data.update(changes)
    return data


def step_data(slug, go="next", **changes):
    """The fields of one step (with `changes`) and the button pressed."""
    fields = BY_SLUG[slug].fields
    return {**{k: v for k, v in form_data(**changes).items() if k in fields}, "go": go}


def step_url(practice, slug):
    if slug == "review":
        return reverse("practices:review", args=[practice.pk])
    return reverse("practices:step", args=[practice.pk, slug])


def draft_of(user, **fields):
    """A complete draft of `user` (every required step filled in), made without the form."""
    sphere = Sphere.objects.get(slug="zhkh")
    return PracticeFactory(
        live=False, author=user, municipality=user.municipality, spheres=[sphere], **fields
    )


def write_all_steps(client, **changes):
    """Post every step of a new practice as its author would; the draft is returned."""
    from practices.models import Practice

    client.post("/practices/new/", step_data("about", **changes))
    practice = Practice.objects.latest("pk")
    for slug in ("story", "results", "money", "files", "contacts"):
        response = client.post(step_url(practice, slug), step_data(slug, **changes))
        assert response.status_code == 302, slug
    return practice


def write_in_browser(page, *, title, sphere, key_result, problem, solution, results, year):
    """Go through the required steps of a new practice in a browser, up to the files step."""
    from playwright.sync_api import expect

    page.goto("/practices/new/")
    page.get_by_label("Название").fill(title)
    page.get_by_label(sphere).check()
    page.get_by_label("Главный результат").fill(key_result)
    page.get_by_role("button", name="Сохранить и продолжить").click()
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()
    page.get_by_label("Проблема").fill(problem)
    page.get_by_label("Решение").fill(solution)
    page.get_by_role("button", name="Сохранить и продолжить").click()
    page.get_by_label("Результаты").fill(results)
    page.get_by_role("button", name="Сохранить и продолжить").click()
    page.get_by_label("Год начала").fill(year)
    page.get_by_role("button", name="Сохранить и продолжить").click()
    expect(page.locator("#step-heading")).to_have_text("Шаг 5 из 7. Документы и фотографии")

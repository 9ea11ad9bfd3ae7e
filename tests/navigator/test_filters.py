from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from navigator.filters import MeasureFilter
from navigator.models import MeasureKind, MeasureLevel, SupportMeasure
from portal.municipalities.models import MunicipalityType
from tests.factories import RegionFactory
from tests.navigator.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    SphereFactory,
    SupportMeasureFactory,
)

pytestmark = pytest.mark.django_db


def found(query):
    return set(MeasureFilter.for_query(QueryDict(query)).qs.values_list("title", flat=True))


def test_text_search_finds_russian_word_forms():
    SupportMeasureFactory(title="Благоустройство дворовых территорий")
    SupportMeasureFactory(title="Ремонт школ")
    assert found("q=благоустройства") == {"Благоустройство дворовых территорий"}


def test_text_search_uses_portal_synonyms():
    from portal.models import SearchSynonym

    SearchSynonym.objects.update_or_create(term="ВОДОКАН", defaults={"expansions": "водоотведение"})
    SupportMeasureFactory(title="Водоотведение в сельских поселениях")
    SupportMeasureFactory(title="Поддержка спорта")
    assert found("q=водокан") == {"Водоотведение в сельских поселениях"}


def test_a_direction_selects_its_sub_spheres():
    direction = SphereFactory(slug="gorodskaya-sreda")
    child = SphereFactory(slug="dvory", parent=direction)
    SupportMeasureFactory(title="Дворы", spheres=[child])
    SupportMeasureFactory(title="Другое", spheres=[SphereFactory()])
    assert found("sphere=gorodskaya-sreda") == {"Дворы"}
    assert found("sphere=dvory") == {"Дворы"}


def test_kind_and_level_accept_several_values():
    SupportMeasureFactory(title="Грант", kind=MeasureKind.GRANT)
    SupportMeasureFactory(title="Кредит", kind=MeasureKind.BUDGET_LOAN, level=MeasureLevel.REGIONAL)
    SupportMeasureFactory(title="Обучение", kind=MeasureKind.TRAINING)
    assert found("kind=grant&kind=budget_loan") == {"Грант", "Кредит"}
    assert found("level=regional") == {"Кредит"}


def test_organiser_and_programme_filter_by_slug():
    ministry = OrganisationFactory(name="Минстрой")
    project = ProgrammeFactory(name="Жильё и городская среда")
    SupportMeasureFactory(title="Своя", organiser=ministry, programme=project)
    SupportMeasureFactory(title="Чужая")
    assert found(f"organiser={ministry.slug}") == {"Своя"}
    assert found(f"programme={project.slug}") == {"Своя"}


def test_region_keeps_measures_for_the_whole_country():
    region, other = RegionFactory(code="33"), RegionFactory(code="34")
    SupportMeasureFactory(title="Вся Россия")
    SupportMeasureFactory(title="Наш регион", regions=[region])
    SupportMeasureFactory(title="Чужой регион", regions=[other])
    assert found("region=33") == {"Вся Россия", "Наш регион"}


def test_municipality_type_and_population_use_eligibility():
    SupportMeasureFactory(title="Для сёл", municipality_types=[MunicipalityType.RURAL_SETTLEMENT])
    SupportMeasureFactory(title="Для всех")
    SupportMeasureFactory(title="Для малых", population_max=5000)
    assert found("municipality_type=rural_settlement") == {"Для сёл", "Для всех", "Для малых"}
    assert found("municipality_type=urban_okrug&population=20000") == {"Для всех"}


def test_amount_and_cofinancing_bounds():
    SupportMeasureFactory(title="Крупная", amount_max=50_000_000, cofinancing_min=10)
    SupportMeasureFactory(title="Мелкая", amount_max=100_000, cofinancing_min=1)
    SupportMeasureFactory(title="Без сумм")
    assert found("amount_min=1000000") == {"Крупная", "Без сумм"}
    assert found("cofinancing_max=5") == {"Мелкая", "Без сумм"}


def test_competitive_yes_no_and_both():
    SupportMeasureFactory(title="Конкурс", is_competitive=True)
    SupportMeasureFactory(title="Льгота", is_competitive=False)
    assert found("competitive=yes") == {"Конкурс"}
    assert found("competitive=no") == {"Льгота"}
    assert found("competitive=yes&competitive=no") == {"Конкурс", "Льгота"}


def test_status_follows_the_calendar():
    today = timezone.localdate()
    SupportMeasureFactory(title="Скоро", opens_on=today + timedelta(days=5))
    SupportMeasureFactory(title="Идёт", closes_on=today + timedelta(days=5))
    SupportMeasureFactory(title="Прошла", closes_on=today - timedelta(days=1))
    assert found("status=upcoming") == {"Скоро"}
    assert found("status=open&status=closed") == {"Идёт", "Прошла"}


def test_closes_before_date():
    today = timezone.localdate()
    SupportMeasureFactory(title="Скоро закроется", closes_on=today + timedelta(days=3))
    SupportMeasureFactory(title="Нескоро", closes_on=today + timedelta(days=90))
    limit = today + timedelta(days=10)
    assert found(f"closes_before={limit:%Y-%m-%d}") == {"Скоро закроется"}


def test_drafts_never_appear():
    SupportMeasureFactory(title="Черновик", live=False)
    SupportMeasureFactory(title="Опубликована")
    assert found("") == {"Опубликована"}


def ordered_titles(query):
    return list(MeasureFilter.for_query(QueryDict(query)).qs.values_list("title", flat=True))


def test_sort_by_closing_date_amount_and_newest():
    today, now = timezone.localdate(), timezone.now()
    for title, closes_in, amount, published_ago in [
        ("А", 20, 30, 2),
        ("Б", 5, 10, 3),
        ("В", 10, 20, 1),
    ]:
        SupportMeasureFactory(
            title=title,
            closes_on=today + timedelta(days=closes_in),
            amount_max=amount,
            first_published_at=now - timedelta(days=published_ago),
        )
    assert ordered_titles("") == ["Б", "В", "А"]
    assert ordered_titles("sort=closing") == ["Б", "В", "А"]
    assert ordered_titles("sort=amount") == ["А", "В", "Б"]
    assert ordered_titles("sort=newest") == ["В", "А", "Б"]


def test_relevance_puts_title_matches_first():
    SupportMeasureFactory(title="Поддержка спорта", summary="В том числе детские площадки.")
    SupportMeasureFactory(title="Детские площадки во дворах", summary="Установка оборудования.")
    assert ordered_titles("q=детские площадки")[0] == "Детские площадки во дворах"


def test_canonical_query_drops_unknown_empty_and_page_parameters():
    data = QueryDict("page=3&kind=grant&q=&utm_source=x&level=federal&kind=contest")
    assert MeasureFilter.canonical_query(data) == "kind=contest&kind=grant&level=federal"


def test_invalid_values_are_reported_not_crashing():
    SupportMeasureFactory(title="Любая")
    filterset = MeasureFilter.for_query(QueryDict("population=много&kind=unknown"))
    assert not filterset.is_valid()
    assert "population" in filterset.errors
    assert SupportMeasure.objects.count() == 1


def test_a_national_project_selects_the_measures_of_the_projects_inside_it():
    national = ProgrammeFactory(name="Инфраструктура для жизни")
    federal = ProgrammeFactory(name="Чистая вода", parent=national)
    regional = ProgrammeFactory(name="Чистая вода (Владимирская область)", parent=federal)
    SupportMeasureFactory(title="Нацпроекта", programme=national)
    SupportMeasureFactory(title="Федерального проекта", programme=federal)
    SupportMeasureFactory(title="Регионального проекта", programme=regional)
    SupportMeasureFactory(title="Другого проекта", programme=ProgrammeFactory())
    every_level = {"Нацпроекта", "Федерального проекта", "Регионального проекта"}
    assert found(f"programme={national.slug}") == every_level
    assert found(f"programme={federal.slug}") == {"Федерального проекта", "Регионального проекта"}
    assert found(f"programme={regional.slug}") == {"Регионального проекта"}

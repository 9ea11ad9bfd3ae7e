"""Layouts of plain-text acts the parser reads without parameters (see also
test_import_layouts.py, which imports whole acts through the command)."""

import datetime

import pytest

from legal_vector.importing.parser import parse_act


def units_by_key(parsed):
    return {unit.stable_key: unit for unit in parsed.units}


LAW_WITH_HEADINGS_BELOW = """ЗАКОН
ЗАРЕЧНОЙ ОБЛАСТИ
О ПОДДЕРЖКЕ СТАРОСТ В ЗАРЕЧНОЙ ОБЛАСТИ
Принят Законодательным Собранием Заречной области 5 марта 2026 года
Статья 1
Основные понятия
В настоящем Законе используются следующие понятия:
1) староста - лицо, назначенное представительным органом.
Статья 2.
Гарантии
1. Старосте выдается удостоверение.
Статья 2.1.
(введена Законом Заречной области от 01.06.2026 № 20-ОЗ)
Возмещение расходов
1. Старосте возмещаются расходы на основании:
а) заявления старосты;
б) документов о расходах.
Статья 3
Настоящий Закон вступает в силу со дня его официального опубликования.
Губернатор Заречной области
Н.ОБРАЗЦОВА
г. Заречинск
12 марта 2026 года
№ 7-ОЗ
"""


def test_an_article_heading_on_the_next_line_becomes_its_heading():
    units = units_by_key(parse_act(LAW_WITH_HEADINGS_BELOW))

    assert units["st1"].heading == "Основные понятия"
    assert units["st1"].text == "В настоящем Законе используются следующие понятия:"
    assert units["st2"].heading == "Гарантии"
    assert units["st2.1"].heading == "Возмещение расходов"
    assert units["st2.1"].marks[0]["kind"] == "inserted"


def test_a_sentence_after_a_bare_article_number_stays_its_text():
    units = units_by_key(parse_act(LAW_WITH_HEADINGS_BELOW))

    assert units["st3"].heading == ""
    assert units["st3"].text.startswith("Настоящий Закон вступает в силу")


def test_letters_under_a_part_are_sub_points_without_a_warning():
    parsed = parse_act(LAW_WITH_HEADINGS_BELOW)
    units = units_by_key(parsed)

    assert units["st2.1/ch1/ppb"].label == "пп. «б» ч. 1 ст. 2.1"
    assert not any("вне пункта" in warning for warning in parsed.warnings)


def test_a_region_named_by_an_adjective_in_nai_keeps_its_capital():
    requisites = parse_act(LAW_WITH_HEADINGS_BELOW).requisites

    assert requisites.kind == "regional_law"
    assert requisites.title == "О поддержке старост в Заречной области"
    assert (requisites.number, requisites.adopted_on) == ("7-ОЗ", datetime.date(2026, 3, 12))


@pytest.mark.parametrize(
    "dating",
    ["от «15» мая 2026 г. № 402", "«15» мая 2026 года\n№ 402", "от 15 мая 2026 года N 402"],
)
def test_a_day_in_quotes_or_words_is_read_with_the_number(dating):
    text = f"АДМИНИСТРАЦИЯ ГОРОДА ТЕСТОВСКА\nПОСТАНОВЛЕНИЕ\n{dating}\nО порядке\n1. Текст."

    requisites = parse_act(text).requisites

    assert (requisites.number, requisites.adopted_on) == ("402", datetime.date(2026, 5, 15))
    assert requisites.title == "О порядке"


def test_an_order_of_a_ministry_is_a_resolution_cited_as_an_order():
    text = (
        "МИНИСТЕРСТВО ФИНАНСОВ ТЕСТОВСКОЙ ОБЛАСТИ\nПРИКАЗ\nот 01.03.2026 № 15-н\n"
        "Об утверждении порядка\n1. Утвердить порядок."
    )

    requisites = parse_act(text).requisites

    assert (requisites.kind, requisites.number, requisites.act_word) == (
        "resolution",
        "15-н",
        "приказ",
    )


def test_a_dotted_point_number_without_its_final_dot_is_still_a_point():
    text = (
        "АДМИНИСТРАЦИЯ ГОРОДА ТЕСТОВСКА\nПОСТАНОВЛЕНИЕ\nот 01.03.2026 № 15\nО порядке\n"
        "1. Общие положения\n1.1 Порядок определяет правила.\n1.2 Стоимость 1.5 тысячи рублей.\n"
        "2. Контроль оставляю за собой.\nИсполняющий обязанности главы города\nИ.ИВАНОВ"
    )

    units = units_by_key(parse_act(text))

    assert units["p1/pp1.2"].text == "Стоимость 1.5 тысячи рублей."
    assert units["p2"].text == "Контроль оставляю за собой."
    assert units["closing"].text.startswith("Исполняющий обязанности главы")


@pytest.mark.parametrize(
    ("heading", "kind", "number", "body"),
    [
        (
            "Администрация городского округа Тестовск\nПостановление\nот 15.05.2026 № 402\n"
            "О порядке уборки",
            "municipal_act",
            "402",
            "Администрация городского округа Тестовск",
        ),
        (
            "Администрация городского округа Тестовск\nПОСТАНОВЛЕНИЕ\nот 15.05.2026 № 402\n"
            "О порядке уборки",
            "municipal_act",
            "402",
            "Администрация городского округа Тестовск",
        ),
        (
            "Федеральный закон от 15.05.2026 № 402-ФЗ\n«О порядке уборки»",
            "federal_law",
            "402-ФЗ",
            "",
        ),
    ],
)
def test_a_heading_typed_in_sentence_case_is_read_as_requisites(heading, kind, number, body):
    parsed = parse_act(f"{heading}\n1. Утвердить порядок.\n2. Контроль оставляю за собой.")
    requisites = parsed.requisites

    assert (requisites.kind, requisites.number) == (kind, number)
    assert requisites.adopted_on == datetime.date(2026, 5, 15)
    assert requisites.title == "О порядке уборки"
    assert requisites.issuing_body == body
    assert [unit.stable_key for unit in parsed.units] == ["p1", "p2"]


def test_a_sentence_of_the_act_is_not_taken_for_a_heading_in_sentence_case():
    text = "Закон вступает в силу со дня опубликования.\n1. Текст."

    assert parse_act(text).requisites.kind == ""


APPEAL_RULING = """ЭНСКИЙ ОБЛАСТНОЙ СУД
АПЕЛЛЯЦИОННОЕ ОПРЕДЕЛЕНИЕ
от 14.05.2025 № 33а-1187/2025
Судебная коллегия рассмотрела апелляционную жалобу администрации.
Установила:
1. Ответ гражданину направлен через 52 дня после регистрации обращения.
2. Довод о большой нагрузке на подразделение не оправдывает нарушения срока.
Определила:
решение районного суда оставить без изменения, апелляционную жалобу - без удовлетворения.
Определение вступает в силу со дня его вынесения.
"""

CASSATION_RULING = """АРБИТРАЖНЫЙ СУД ОКРУГА
ПОСТАНОВЛЕНИЕ
от 02.02.2024 № Ф10-3456/2024
Установил:
1. Подрядчик нарушил срок выполнения работ.
П О С Т А Н О В И Л :
1. Решение суда первой инстанции отменить.
2. Взыскать неустойку в размере 120 тысяч рублей.
"""

COUNCIL_DECISION = """ДУМА ГОРОДСКОГО ОКРУГА ЭНСК
РЕШЕНИЕ
от 10.10.2025 № 200
О внесении изменений в решение о бюджете
В соответствии с Бюджетным кодексом Российской Федерации Дума городского округа
РЕШИЛА:
1. Внести изменения в решение о бюджете.
2. Настоящее решение вступает в силу со дня его опубликования.
"""


def test_a_court_s_operative_part_is_a_unit_of_its_own():
    units = units_by_key(parse_act(APPEAL_RULING))

    ruling = units["resolution"]
    assert ruling.kind == "resolution" and ruling.heading == "Определила:"
    assert ruling.text.startswith("решение районного суда оставить без изменения")
    assert ruling.label == "резолютивная часть"
    # Neither the ruling nor the line after it is a paragraph of the reasoning's last point.
    assert not [key for key in units if key.startswith("p2/")]
    assert units["resolution/abz2"].label == "абз. 2 резолютивной части"
    assert units["p2"].text.startswith("Довод о большой нагрузке")


def test_the_points_of_an_operative_part_are_cited_as_its_points():
    units = units_by_key(parse_act(CASSATION_RULING))

    assert units["p1"].text == "Подрядчик нарушил срок выполнения работ."
    assert units["resolution"].heading == "П О С Т А Н О В И Л :"
    assert units["resolution/p2"].text.startswith("Взыскать неустойку")
    assert units["resolution/p2"].label == "п. 2 резолютивной части"


def test_an_act_s_решила_before_its_points_stays_in_the_preamble():
    units = units_by_key(parse_act(COUNCIL_DECISION))

    assert "resolution" not in units
    assert units["p1"].text == "Внести изменения в решение о бюджете."
    assert "РЕШИЛА:" in units["preamble"].text

# ruff: noqa: E501 — act texts keep one paragraph per line, as the importer reads them.
"""How the bot reads the form of a question: «что такое …» asks for the definition of that very
term, «сколько дней …» for a term in days, «для чего …» is not answered by a stored «как …»,
the act a question names is the one quoted, and a rule with one short fill-in gap is still a
rule."""

import datetime
from types import SimpleNamespace

import pytest

from legal_vector.bot.answering import NOTHING_ANSWER, _distinct_units, answer_question
from legal_vector.bot.question import concepts_of, question_kind, same_kind
from legal_vector.bot.retrieval import defined_subject, ranked_units
from legal_vector.importing.importer import ImportOptions, import_text
from legal_vector.models import QAItem
from portal.search import invalidate_synonyms
from portal.search.phrasing import plan_words

APPEALS_LAW = """Статья 4. Основные термины
1. В этом законе используются следующие термины:
1) обращение гражданина - предложение, заявление или жалоба, которые гражданин направил в орган местного самоуправления;
2) жалоба - просьба гражданина восстановить или защитить его нарушенные права, свободы или законные интересы.
Статья 12. Сроки рассмотрения письменного обращения
1. Письменное обращение рассматривается в течение 30 дней со дня регистрации.
2. Руководитель вправе продлить рассмотрение обращения, уведомив об этом гражданина.
"""

LOCAL_LAW = """Статья 16. Вопросы местного значения городского округа
1. К вопросам местного значения городского округа относятся:
1) утверждение правил благоустройства территории городского округа, устанавливающих требования к благоустройству;
2) организация ритуальных услуг.
Статья 27.1. Староста сельского населенного пункта
1. Чтобы органам местного самоуправления было проще взаимодействовать с жителями села, в сельском населенном пункте может быть назначен староста.
2. Старосту назначает представительный орган муниципального образования по представлению схода граждан.
"""

RULES_OF_AMENITY = """1. Правила обязательны для исполнения всеми юридическими и физическими лицами на территории городского округа.
2. Уборка общественных территорий проводится ежедневно.
"""

CHARTER = """Статья 21. Заседания Думы
1. Порядок работы Думы определяется регламентом в соответствии с частью 2 статьи 35 Федерального закона.
2. Заседания Думы проводятся не реже одного раза в три месяца.
"""

MODEL_REGULATION = """1. Размеры должностных окладов устанавливаются решением [наименование представительного органа] с учетом нормативов, установленных субъектом Российской Федерации.
2. Организатором конкурса определить [наименование органа или комиссии] по адресу [адрес].
"""

ACTS = [
    (APPEALS_LAW, "federal_law", "59-ФЗ", "О порядке рассмотрения обращений граждан Российской Федерации", "federal"),
    (LOCAL_LAW, "federal_law", "131-ФЗ", "Об общих принципах организации местного самоуправления в Российской Федерации", "federal"),
    (RULES_OF_AMENITY, "municipal_act", "301", "Правила благоустройства территории городского округа Энск", "municipal"),
    (CHARTER, "municipal_act", "1", "Устав городского округа Энск", "municipal"),
    (MODEL_REGULATION, "municipal_template", "", "Типовое положение о муниципальной службе в поселении", "municipal"),
]  # fmt: skip


@pytest.fixture
def forms_base(db):
    invalidate_synonyms()
    documents = {}
    for text, kind, number, title, level in ACTS:
        options = ImportOptions(
            kind=kind, number=number, adopted_on=datetime.date(2020, 1, 1), title=title,
            status="in_force", level=level, edition_date=datetime.date(2020, 1, 1),
        )  # fmt: skip
        documents[number or title] = import_text(text, options).document
    QAItem.objects.create(
        question="Как назначается староста?",
        answer="Старосту назначает представительный орган по представлению схода граждан.",
    ).citations.create(document=documents["131-ФЗ"], stable_key="st27.1/ch2")
    yield documents
    invalidate_synonyms()


def ask(question):
    return answer_question(question, log=False)


def test_what_is_a_term_quotes_the_definition_of_that_term(forms_base):
    answer = ask("Что такое жалоба?")

    assert answer.citations[0].stable_key == "st4/ch1/p2"
    assert "жалоба - просьба гражданина" in answer.citations[0].quote


QUESTION = "Что понимается под обращением гражданина?"


def test_the_asking_words_of_a_definition_question_are_not_looked_for(forms_base):
    answer = ask(QUESTION)

    assert answer.citations[0].stable_key == "st4/ch1/p1"
    assert "понима" not in " ".join(c.word for c in concepts_of(defined_subject(QUESTION)))


def test_how_many_days_finds_the_term_in_days(forms_base):
    answer = ask("Сколько дней рассматривают письменное обращение?")

    assert answer.citations[0].stable_key == "st12/ch1"
    assert "30 дней" in answer.citations[0].quote


def test_the_counted_word_weighs_more_and_reads_as_a_term(forms_base):
    counted = concepts_of("Сколько дней рассматривают обращение?")[0]
    plain = concepts_of("Дней рассматривают обращение?")[0]

    assert counted.word == plain.word == "дней"
    assert counted.weight > plain.weight
    assert "'срок'" in counted.near_query


def test_the_act_a_question_names_is_quoted_before_acts_that_mention_it(forms_base):
    answer = ask(
        "На кого распространяются правила благоустройства территории городского округа Энск?"
    )

    assert answer.citations[0].document_id == forms_base["301"].pk
    assert answer.citations[0].stable_key == "p1"
    assert answer.answer != NOTHING_ANSWER


def test_a_rule_with_one_short_gap_is_quoted_but_a_form_to_fill_in_is_not(forms_base):
    answer = ask("Кто устанавливает размеры должностных окладов?")
    keys = [c.stable_key for c in answer.citations]
    organiser = ask("Кого определить организатором конкурса?")

    assert keys[0] == "p1"
    assert "должностных окладов" in answer.citations[0].quote
    assert "p2" not in [c.stable_key for c in organiser.citations]


def test_a_stored_answer_to_how_does_not_answer_what_for(forms_base):
    how = ask("Как назначается староста?")
    what_for = ask("Для чего назначается староста?")

    assert how.route == "qa"
    assert what_for.route == "text"
    assert what_for.citations[0].stable_key == "st27.1/ch1"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Для чего назначается староста?", "purpose"),
        ("Можно ли сотруднику принять подарок?", "yes_no"),
        ("За сколько дней публиковать проект устава?", "time"),
        ("Сколько процентов софинансирования?", "amount"),
        ("Как часто собирается дума?", "frequency"),
        ("Сколько раз в год отчитывается глава?", "frequency"),
        ("В каком органе регистрируют устав?", "open"),
        ("Компенсация расходов старосты", ""),
    ],
)
def test_the_kind_of_a_question_is_told_by_its_asking_words(question, kind):
    assert question_kind(question) == kind


def test_how_often_is_answered_by_a_frequency_not_by_a_part_of_an_article(forms_base):
    # The stem of «часто» is that of «часть»: «частью 2 статьи 35» must not answer it.
    concepts = concepts_of("Как часто собирается дума?")
    unit = ranked_units(concepts, kind=question_kind("Как часто собирается дума?"))[0]

    assert "часто" not in [c.word for c in concepts]
    assert unit.stable_key == "st21/ch2"


def test_a_heading_matches_any_kind_of_question():
    assert same_kind("Для чего назначается староста?", "Староста сельского населенного пункта")
    assert not same_kind("Для чего назначается староста?", "Кто назначает старосту?")


def test_quotes_in_a_question_are_words_not_operators(forms_base):
    words = [c.word for c in concepts_of("Формулировка «орган вправе» без условий")]

    assert "формулировка" in words and "орган" in words


def _unit(article, score, key):
    return SimpleNamespace(
        document_id=1, norm_key=article, score=score, stable_key=key, parent_id=None
    )


def test_a_second_part_of_an_article_is_quoted_only_when_it_scores_as_high():
    # Within a tenth of the first: the bot cannot tell which of the two answers.
    tied = _distinct_units([_unit("st11", 1.0, "st11/ch2"), _unit("st11", 0.92, "st11/ch1")])
    weaker = _distinct_units([_unit("st11", 1.0, "st11/ch2"), _unit("st11", 0.8, "st11/ch1")])

    assert [u.stable_key for u in tied] == ["st11/ch2", "st11/ch1"]
    assert [u.stable_key for u in weaker] == ["st11/ch2"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "wording"),
    [
        ("Может ли администрация помочь ТСЖ?", ("товарищество", "собственников", "жилья")),
        ("Кто ставит в очередь на соцжильё?", ("социальный", "наем")),
        ("Нужен ли паспорт на приёме?", ("документ", "удостоверяющий", "личность")),
        ("Можно ли сотруднику администрации входить в правление?", ("муниципальный", "служащий")),
        ("Как обосновать НМЦК?", ("начальная", "максимальная", "цена", "контракта")),
        ("Можно ли забрать назад согласие?", ("отозвать",)),
        ("Пришла анонимка — отвечать?", ("анонимное", "обращение")),
    ],
)
def test_everyday_wordings_find_the_words_of_the_acts(typed, wording):
    invalidate_synonyms()
    alternatives = {a for group in plan_words(typed).groups for a in group.alternatives}

    assert wording in alternatives


def test_a_word_no_act_holds_is_not_counted_as_missing_from_the_answer(forms_base):
    concepts = concepts_of("Сколько дней рассматривают письменное обращение пенсионерки?")
    unit = ranked_units(concepts)[0]

    assert "пенсионерки" in [c.word for c in concepts if not c.known]
    assert unit.stable_key == "st12/ch1"
    assert unit.missing == 0

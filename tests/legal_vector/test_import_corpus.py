"""The corpus of acts in the layouts and formats lawyers have, imported without parameters.

Fifteen acts written for this project (tests/legal_vector/corpus/): federal, regional and
municipal; resolutions with an approved Порядок, Положение or Регламент; exports with the clutter
of a legal reference system and edition marks; .txt in UTF-8 and Windows-1251, .rtf, .docx,
.html and .pdf built by `corpus/build.py`. Each is imported with `manage.py import_legal FILE`
and nothing else, then checked for its requisites and units, and asked about through the bot.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from legal_vector.models import Document, StructuralUnit
from tests.legal_vector.corpus.build import build

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "corpus"
QUESTIONS = json.loads((CORPUS / "questions.json").read_text(encoding="utf-8"))
TOP = 3
REQUIRED_SHARE = 0.95


# stem -> (kind, number, date, title, level, region code, municipality name, unit count)
EXPECTED = {
    "01_subsidii_export": ("municipal_act", "771", "2025-06-03",
        "Об утверждении порядка предоставления субсидий из бюджета городского округа Энск на "
        "возмещение затрат на благоустройство дворовых территорий", "municipal", None, None, 36),
    "02_zakon_starosty": ("regional_law", "45-ОЗ", "2025-06-03",
        "О старостах сельских населенных пунктов в Энской области", "regional", None, None, 21),
    "03_pravila_blagoustroistva": ("municipal_act", "12/3", "2025-03-14",
        "Об утверждении правил благоустройства территории сельского поселения Луговое",
        "municipal", None, None, 21),
    "04_reglament_arhiv": ("municipal_act", "45", "2025-01-20",
        "Об утверждении административного регламента предоставления муниципальной услуги "
        "«Выдача архивных справок»", "municipal", None, None, 21),
    "05_komissiya_zhkh": ("municipal_act", "310-р", "2025-08-12",
        "О создании комиссии по обследованию жилых помещений инвалидов", "municipal", None, None,
        13),
    "06_granty_nko": ("resolution", "58-п", "2025-02-05",
        "Об утверждении порядка предоставления грантов территориальным общественным "
        "самоуправлениям", "regional", "54", None, 14),
    "07_federalnyi_zakon": ("federal_law", "98-ФЗ", "2025-04-28",
        "О муниципальных школьных автобусных маршрутах", "federal", None, None, 14),
    "08_publichnye_slushaniya": ("municipal_act", "214", "2025-09-25",
        "Об утверждении положения о публичных слушаниях в городском округе Энск", "municipal",
        None, None, 16),
    "09_reestr_imushchestva": ("municipal_act", "37", "2024-04-16",
        "О порядке ведения реестра муниципального имущества сельского поселения Луговое",
        "municipal", None, None, 15),
    "10_zemelnyi_nalog": ("municipal_act", "21/4", "2025-11-18",
        "О земельном налоге на территории сельского поселения Луговое", "municipal", None, None,
        12),
    "11_konkurs_novosibirsk": ("municipal_act", "1120", "2025-03-10",
        "О городском конкурсе «Лучший двор»", "municipal", "54", "Новосибирск", 14),
    "12_zakon_dobrovolnye_druzhiny": ("regional_law", "118-ОЗ", "2024-11-28",
        "О поддержке добровольной пожарной охраны в Лесной области", "regional", None, None, 29),
    "13_postanovlenie_vodnye_obekty": ("municipal_act", "402", "2026-05-15",
        "О мерах по обеспечению безопасности людей на водных объектах муниципального округа "
        "Озерный в купальный сезон 2026 года", "municipal", None, None, 20),
    "14_poryadok_bezvozmezdnoe_polzovanie": ("municipal_act", "187", "2026-03-02",
        "Об утверждении Порядка предоставления муниципального имущества в безвозмездное "
        "пользование социально ориентированным некоммерческим организациям", "municipal", None,
        None, 23),
    "15_reshenie_garantii_deputatov": ("municipal_act", "12/4", "2025-09-24",
        "О гарантиях осуществления полномочий депутата совета депутатов сельского поселения "
        "Березовка", "municipal", None, None, 17),
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corpus"))


def import_file(path):
    call_command("import_legal", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_corpus_has_every_layout_and_format(corpus_files):
    suffixes = {path.suffix for path in corpus_files.values()}
    raw = [path.read_bytes() for path in corpus_files.values() if path.suffix == ".txt"]

    assert len(corpus_files) >= 10
    assert suffixes == {".txt", ".rtf", ".docx", ".html", ".pdf"}
    assert any(_is_cp1251(data) for data in raw)


def _is_cp1251(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@pytest.mark.parametrize("stem", EXPECTED)
def test_each_act_is_imported_without_parameters_with_its_requisites(corpus_files, stem):
    kind, number, date, title, level, region, municipality, count = EXPECTED[stem]

    import_file(corpus_files[stem])

    document = Document.objects.select_related("region", "municipality").get()
    assert (document.kind, document.number) == (kind, number)
    assert document.adopted_on == datetime.date.fromisoformat(date)
    assert (document.title, document.level) == (title, level)
    assert (document.region.code if document.region else None) == region
    assert (document.municipality.name if document.municipality else None) == municipality
    assert document.editions.get().units.count() == count


def test_an_approved_order_is_structured_to_its_points_and_cited_by_its_name(corpus_files):
    import_file(corpus_files["01_subsidii_export"])

    units = {u.stable_key: u for u in StructuralUnit.objects.with_document()}
    inserted = units["utv1/p3.5.1"]
    assert units["utv1"].heading.startswith("Порядок предоставления субсидий")
    assert units["utv1/p2.3/pp3/ppv"].short_label == "пп. «в» пп. 3 п. 2.3 Порядка"
    assert inserted.citation() == (
        "п. 3.5.1 Порядка, утв. постановлением администрации городского округа Энск Энской "
        "области от 03.06.2025 № 771"
    )
    assert inserted.change_marks[0]["kind"] == "inserted"
    assert inserted.change_marks[0]["acts"] == [{"date": "2026-02-10", "number": "95"}]
    assert units["utv1/p3.6"].change_marks[0]["kind"] == "amended"
    assert units["utv1/p3.3"].is_repealed
    assert "утратил силу: Постановление" in units["utv1/p3.3"].change_marks[0]["text"]
    assert units["utv1/p2.4"].note.startswith("Срок проверки документов")
    assert units["utv1/pril1"].kind == "appendix"
    assert "ЗАЯВКА" in units["utv1/pril1"].text


def test_export_clutter_is_not_part_of_the_act(corpus_files):
    import_file(corpus_files["01_subsidii_export"])
    import_file(corpus_files["08_publichnye_slushaniya"])

    texts = "\n".join(unit.text + unit.heading + unit.note for unit in StructuralUnit.objects.all())
    for clutter in ("КонсультантПлюс", "consultant.ru", "Дата сохранения", "Страница 2 из 3",
                    "Страница 3 из 4", "(ред. от", "-----"):  # fmt: skip
        assert clutter not in texts


def test_the_list_of_amending_acts_is_kept_once_and_linked_when_in_the_base(corpus_files, client):
    import_file(corpus_files["09_reestr_imushchestva"])
    act = Document.objects.get()
    amending = Document.objects.create(
        kind="municipal_act", title="О внесении изменений", number="88",
        adopted_on=datetime.date(2025, 9, 3), level="municipal",
    )  # fmt: skip

    page = client.get(reverse("legal_vector:changes", args=[act.pk])).content.decode()

    assert act.editions.get().amending_acts == [
        {
            "text": "в ред. постановления Администрации сельского поселения Луговое "
            "от 03.09.2025 N 88",
            "acts": [{"date": "2025-09-03", "number": "88"}],
        }
    ]
    assert f'href="{amending.get_absolute_url()}"' in page
    assert "п. 2.2.1 Порядка</a> — введён" in page
    assert "п. 2.3 Порядка</a> — утратил силу" in page


def test_a_cp1251_text_and_a_pdf_read_the_same_as_their_source(corpus_files):
    from legal_vector.importing.files import read_text
    from tests.legal_vector.corpus.build import source_text

    cp1251 = read_text(corpus_files["02_zakon_starosty"]).replace("\r\n", "\n")
    pdf = read_text(corpus_files["06_granty_nko"])

    assert cp1251 == source_text("02_zakon_starosty")
    assert "1.2. Максимальный размер гранта составляет 500 тысяч рублей" in " ".join(pdf.split())


def test_the_bot_cites_the_asked_point_in_its_top_three(corpus_files, client):
    for path in corpus_files.values():
        import_file(path)
    titles = dict(Document.objects.values_list("number", "title"))
    missed = []

    for question in QUESTIONS:
        title = titles[EXPECTED[question["act"]][1]]
        answer = client.get(reverse("legal_vector:ask_api"), {"q": question["q"]}).json()
        top = answer["citations"][:TOP]
        assert all(
            set(citation) >= {"document_title", "label", "stable_key", "citation"}
            for citation in top
        )
        if not any(_cites(citation, title, question["key"]) for citation in top):
            missed.append((question["q"], [c["citation"] for c in top]))

    share = 1 - len(missed) / len(QUESTIONS)
    assert len(QUESTIONS) >= 30
    assert share >= REQUIRED_SHARE, missed


def _cites(citation, title, key):
    """The point itself or one of its sub-points, of the right act."""
    same_unit = citation["stable_key"] == key or citation["stable_key"].startswith(key + "/")
    return same_unit and citation["document_title"] == title


def test_the_bot_never_quotes_a_repealed_point(corpus_files, client):
    import_file(corpus_files["09_reestr_imushchestva"])

    answer = client.get(
        reverse("legal_vector:ask_api"), {"q": "Утратил силу постановление поселения Луговое"}
    ).json()

    assert "utv1/p2.3" not in [citation["stable_key"] for citation in answer["citations"]]


def test_a_folder_without_a_manifest_imports_each_file_and_reports_what_was_skipped(
    corpus_files, tmp_path
):
    import io

    from django.core.management.base import CommandError

    for path in corpus_files.values():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "заметки.txt").write_text("Список дел на неделю.", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="Не импортировано файлов: 1"):
        call_command("import_legal", str(tmp_path), stdout=out, stderr=err)

    assert Document.objects.count() == len(EXPECTED)
    assert f"Итого: импортировано файлов {len(EXPECTED)}, пропущено 1." in out.getvalue()
    assert "заметки.txt: Не удалось определить реквизиты акта" in err.getvalue()
    assert "чтение остановилось на строке «Список дел на неделю.»" in err.getvalue()

"""Demo legal base: about fifty invented acts of every kind (see demo_texts/manifest.json).

The texts were written for this portal: the structure and the style follow real Russian acts,
the wording is simplified and every document says it is a demo. Seeding is idempotent: an act
whose text is already loaded is skipped by the importer.

The invented «Энская область» and «городской округ Энск» stand for the region and the city of
the demo employee (Новосибирская область, code 54; Новосибирск, OKTMO 50701000), so the
own-region boost and the region facet work on the demo base; «Заречная область» is a second
region (code 74). A few acts are repealed, suspended or not yet in force, as in a real base.
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.db import transaction

from legal_vector.importing.files import read_text
from legal_vector.importing.importer import MalformedAct, checksum_of, import_text
from legal_vector.importing.manifest import import_folder, options_from, parse_date, read_manifest
from legal_vector.importing.resolving import refresh_references
from legal_vector.models import Document, Edition, Topic
from portal.models import Sphere

DEMO_DIR = Path(__file__).resolve().parent / "demo_texts"

# slug, name, parent slug, portal sphere slug
TOPICS = [
    ("msu", "Местное самоуправление", None, "governance"),
    ("msu-acts", "Муниципальные правовые акты", "msu", "governance"),
    ("msu-participation", "Участие жителей", "msu", "governance"),
    ("budget", "Бюджет и финансы", None, "economy"),
    ("budget-transfers", "Межбюджетные отношения", "budget", "economy"),
    ("procurement", "Закупки", None, "economy"),
    ("housing", "ЖКХ", None, "zhkh"),
    ("improvement", "Благоустройство", "housing", "urban"),
    ("land", "Земля и градостроительство", None, "land"),
    ("service", "Муниципальная служба", None, "staff"),
    ("anticorruption", "Противодействие коррупции", "service", "staff"),
    ("appeals", "Обращения граждан", None, "governance"),
    ("personal-data", "Открытость и персональные данные", "appeals", "governance"),
]

# Second editions: file, date, amending act, replacements applied to the first text.
AMENDMENTS = [
    (
        "fz131.txt",
        "2025-06-01",
        "Федеральный закон от 20.03.2025 № 33-ФЗ (демонстрационная поправка)",
        [
            (
                "12) утверждает генеральный план поселения и правила землепользования и застройки,"
                " выдает разрешения на строительство и на ввод объектов в эксплуатацию.",
                "12) утверждает генеральный план поселения и правила землепользования и застройки,"
                " выдает разрешения на строительство и на ввод объектов в эксплуатацию;"
                "\n13) создает условия для массового отдыха жителей и обустраивает места"
                " массового отдыха.",
            ),
            (
                "на рассмотрение отводится не более 30 дней со дня внесения",
                "на рассмотрение отводится не более 20 рабочих дней со дня внесения",
            ),
        ],
    ),
    (
        "fz59.txt",
        "2025-09-01",
        "Демонстрационная поправка о платформе обратной связи",
        [
            (
                "3. Ответ на обращение направляется в форме электронного документа",
                "3. Ответ на обращение, поступившее через платформу обратной связи, направляется "
                "в личный кабинет гражданина на едином портале государственных и муниципальных "
                "услуг.\n4. Ответ на обращение направляется в форме электронного документа",
            ),
        ],
    ),
    (
        "fz44.txt",
        "2026-01-01",
        "Демонстрационная поправка о закупках малого объема",
        [
            (
                "не позднее чем за пять дней до даты заключения контракта",
                "не позднее чем за три рабочих дня до даты заключения контракта",
            ),
        ],
    ),
    (
        "oz30.txt",
        "2024-01-01",
        "Закон Энской области (демонстрационная поправка)",
        [("в размере 200 тысяч рублей", "в размере 250 тысяч рублей")],
    ),
    (
        "appeals_order.txt",
        "2025-03-01",
        "Постановление администрации городского округа Энск (демонстрационная поправка)",
        [
            (
                "по первым и третьим понедельникам месяца с 14 до 18 часов",
                "каждый понедельник с 14 до 18 часов, в том числе в формате видеосвязи,",
            ),
        ],
    ),
]


def seed_topics():

    spheres = {sphere.slug: sphere for sphere in Sphere.objects.filter(parent__isnull=True)}
    topics = {}
    for order, (slug, name, parent, sphere) in enumerate(TOPICS):
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "parent": topics.get(parent),
                "sphere": spheres.get(sphere),
                "order": order,
            },
        )
    return topics


def _import_amendments(manifest, stdout):
    rows = {row["file"]: row for row in manifest}
    created = 0
    for name, date, amending_act, replacements in AMENDMENTS:
        text = read_text(DEMO_DIR / name)
        for old, new in replacements:
            if old not in text:
                raise MalformedAct(f"Демо-поправка к {name} не нашла текст «{old[:40]}…».")
            text = text.replace(old, new)
        options = options_from(rows[name])
        options.edition_date = parse_date(date)
        options.amending_act = amending_act
        created += import_text(text, options, source_name=name).created_edition
    return created


def _rewritten_acts(manifest):
    """Demo acts of an earlier seed whose text or requisites have since been rewritten.

    The importer would refuse the new wording (another text for a loaded edition date) and keeps
    the territory and numbering a document was created with, so such acts are dropped and
    imported afresh, demo amendments included.
    """
    for row in manifest:
        options = options_from(row)
        checksum = checksum_of(read_text(DEMO_DIR / row["file"]))
        documents = Document.objects.filter(
            source=options.source, editions__source_name=row["file"]
        ).select_related("region", "municipality")
        for document in documents.distinct():
            if not document.editions.filter(checksum=checksum).exists() or not _same_requisites(
                document, options
            ):
                yield document


def _same_requisites(document, options):
    region = document.region.code if document.region else ""
    municipality = document.municipality.oktmo if document.municipality else ""
    return (
        document.status == (options.status or document.status)
        and region == options.region
        and municipality == options.municipality
    )


@transaction.atomic
def seed(stdout):
    seed_topics()
    manifest = read_manifest(DEMO_DIR)
    for document in list(_rewritten_acts(manifest)):
        stdout.write(f"Демо-акт переписан, загружается заново: {document}")
        document.delete()
    created = 0
    for name, outcome in import_folder(DEMO_DIR):
        if isinstance(outcome, Exception):
            raise MalformedAct(f"{name}: {outcome}")
        created += outcome.created_edition
    created += _import_amendments(manifest, stdout)
    if created:
        # Acts cite each other: resolve again now that every cited act is in the base.
        for edition in Edition.objects.current().select_related("document"):
            refresh_references(edition)
    stdout.write(
        f"Правовой вектор: документов {Document.objects.count()}, "
        f"новых редакций {created}, тем {Topic.objects.count()}."
    )
    if find_spec("legal_vector.qa_demo") is not None:
        import_module("legal_vector.qa_demo").seed(stdout)

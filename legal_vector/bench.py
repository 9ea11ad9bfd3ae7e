"""Benchmark data of «Правовой вектор»: 20,000 documents and 1,000,000 units at scale 1.

Rows are written with PostgreSQL COPY in batches of documents, each batch in its own
transaction, with ids reserved from the sequences up front so units can point at their parents.
Bench documents are numbered `BENCH-000042`; their count tells where to resume, so running the
generator again adds only what is missing. One large act with a fixed id is the document page
`make bench` loads.
"""

import datetime
import random

from django.db import connection, transaction
from django.utils import timezone

from bench.distinct import MIN_DISTINCT, family, query_path, word_pairs
from legal_vector.models import Document, Edition, StructuralUnit, Topic

DOCUMENTS_AT_SCALE_1 = 20_000
ARTICLES_PER_DOCUMENT = 7  # 1 preamble + 7 × (article + 3 parts + 3 points) = 50 units
BATCH_SIZE = 500
NUMBER_PREFIX = "BENCH-"
LARGE_DOCUMENT_ID = 900_000_001
LARGE_DOCUMENT_ARTICLES = 200  # about 2,000 units in 10 chapters

# (name, path, needs_login) of the pages `make bench` loads.
BENCH_URLS = [
    ("legal: landing", "/legal/", False),
    ("legal: large document", f"/legal/documents/{LARGE_DOCUMENT_ID}/", True),
    ("legal: search «публичные слушания»", "/legal/search/?q=публичные+слушания", False),
    ("legal: search in force", "/legal/search/?q=бюджет+поселения&status=in_force", False),
    ("legal: search by date", "/legal/search/?q=ОМСУ+благоустройство&sort=date", False),
    ("legal: ask", "/legal/api/ask?q=в+какой+срок+рассматривается+обращение+гражданина", False),
]
# Issue 3: ratios to the trivial view at scale 1.
BENCH_TARGETS = {
    "legal: large document": 0.10,
    "legal: search «публичные слушания»": 0.05,
    "legal: search in force": 0.05,
    "legal: search by date": 0.05,
    "legal: ask": 0.03,
}

KINDS = [
    ("federal_law", "federal", "Федеральный закон"),
    ("regional_law", "regional", "Закон субъекта"),
    ("municipal_act", "municipal", "Постановление администрации"),
    ("municipal_act", "municipal", "Решение представительного органа"),
    ("resolution", "federal", "Постановление Правительства"),
    ("agency_letter", "federal", "Письмо министерства"),
]
SUBJECTS = [
    "благоустройства дворовых территорий",
    "муниципальных закупок малого объема",
    "предоставления земельных участков",
    "рассмотрения обращений граждан",
    "исполнения местного бюджета",
    "прохождения муниципальной службы",
    "содержания автомобильных дорог местного значения",
    "организации водоснабжения и водоотведения",
    "проведения публичных слушаний",
    "муниципального жилищного контроля",
    "поддержки инициативных проектов",
    "обращения с твердыми коммунальными отходами",
]
ACTIONS = [
    "Орган местного самоуправления обеспечивает",
    "Администрация муниципального образования утверждает порядок",
    "Уполномоченный орган в течение 30 дней рассматривает вопросы",
    "Представительный орган устанавливает требования в сфере",
    "Муниципальный заказчик организует мероприятия",
    "Глава муниципального образования ежегодно отчитывается о результатах",
]
DETAILS = [
    "с учетом мнения жителей и результатов общественных обсуждений.",
    "за счет средств местного бюджета и межбюджетных трансфертов.",
    "в порядке, установленном муниципальным правовым актом.",
    "с размещением сведений на официальном сайте в сети «Интернет».",
    "с соблюдением сроков, установленных федеральным законом.",
]


def _sentence(rng):
    return f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} {rng.choice(DETAILS)}"


def _reserve_ids(model, count):
    """The first of `count` consecutive ids taken from the model's sequence."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
    return last - count + 1


def _copy(model, columns, rows):
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


DOCUMENT_COLUMNS = [
    "id", "kind", "title", "number", "adopted_on", "issuing_body", "level", "status",
    "register_number", "citation_name", "source", "imported_at", "checksum", "view_count",
    "created_at", "updated_at",
]  # fmt: skip
EDITION_COLUMNS = [
    "id", "document_id", "valid_from", "is_current", "amending_act", "checksum", "source_name",
    "warnings", "imported_at", "links_version",
]  # fmt: skip
UNIT_COLUMNS = [
    "id", "edition_id", "document_id", "parent_id", "kind", "number", "heading", "text", "note",
    "is_repealed", "stable_key", "short_label", "position", "depth",
]  # fmt: skip


class _Writer:
    """Collects the rows of one batch of documents and writes them with COPY."""

    def __init__(self, now, in_chapters=False):
        self.now = now
        self.in_chapters = in_chapters
        self.documents, self.editions, self.units, self.topics = [], [], [], []

    def document(self, pk, number, title, kind, level, adopted_on, topic_id=None):
        self.documents.append(
            [pk, kind, title, number, adopted_on, "Демонстрационный орган", level, "in_force",
             "", "", "Сгенерировано для нагрузочного теста", self.now, "", 0, self.now, self.now]
        )  # fmt: skip
        if topic_id:
            self.topics.append([pk, topic_id])

    def edition(self, pk, document_id, valid_from):
        self.editions.append(
            [pk, document_id, valid_from, True, "", f"bench-{document_id}", "", "[]", self.now, 0]
        )

    def unit(self, pk, edition_id, document_id, parent_id, kind, number, key, label, text, pos):
        heading = text[:60] if kind in ("article", "chapter") else ""
        nested = self.in_chapters and kind not in ("chapter", "preamble")
        depth = key.count("/") + (1 if nested else 0)
        self.units.append(
            [pk, edition_id, document_id, parent_id, kind, number, heading,
             "" if heading else text, "", False, key, label, pos, depth]
        )  # fmt: skip

    @transaction.atomic
    def flush(self):
        _copy(Document, DOCUMENT_COLUMNS, self.documents)
        _copy(Edition, EDITION_COLUMNS, self.editions)
        _copy(StructuralUnit, UNIT_COLUMNS, self.units)
        _copy(Document.topics.through, ["document_id", "topic_id"], self.topics)


def _articles(writer, ids, edition_id, document_id, articles, rng, chapters=0):
    """Write a preamble and `articles` articles of 3 parts, with 3 points in part 1."""
    unit_id = ids
    writer.unit(unit_id, edition_id, document_id, None, "preamble", "", "preamble", "преамбула",
                _sentence(rng), 0)  # fmt: skip
    position, unit_id, chapter_id = 1, unit_id + 1, None
    per_chapter = max(1, articles // chapters) if chapters else 0
    for number in range(1, articles + 1):
        if per_chapter and (number - 1) % per_chapter == 0:
            chapter = (number - 1) // per_chapter + 1
            chapter_id = unit_id
            writer.unit(unit_id, edition_id, document_id, None, "chapter", str(chapter),
                        f"gl{chapter}", f"гл. {chapter}", _sentence(rng), position)  # fmt: skip
            position, unit_id = position + 1, unit_id + 1
        article_id = unit_id
        writer.unit(article_id, edition_id, document_id, chapter_id, "article", str(number),
                    f"st{number}", f"ст. {number}", _sentence(rng), position)  # fmt: skip
        position, unit_id = position + 1, unit_id + 1
        for part in range(1, 4):
            part_id = unit_id
            writer.unit(part_id, edition_id, document_id, article_id, "part", str(part),
                        f"st{number}/ch{part}", f"ч. {part} ст. {number}", _sentence(rng),
                        position)  # fmt: skip
            position, unit_id = position + 1, unit_id + 1
            for point in range(1, 4) if part == 1 else ():
                writer.unit(unit_id, edition_id, document_id, part_id, "point", str(point),
                            f"st{number}/ch1/p{point}", f"п. {point} ч. 1 ст. {number}",
                            _sentence(rng), position)  # fmt: skip
                position, unit_id = position + 1, unit_id + 1
    return unit_id - ids


def _units_for(articles, chapters=0):
    return 1 + articles * 7 + chapters


def _generate_batch(start, stop, topic_ids, now):
    rng = random.Random(start)
    count = stop - start
    per_document = _units_for(ARTICLES_PER_DOCUMENT)
    document_id = _reserve_ids(Document, count)
    edition_id = _reserve_ids(Edition, count)
    unit_id = _reserve_ids(StructuralUnit, count * per_document)
    writer = _Writer(now)
    for offset, index in enumerate(range(start, stop)):
        kind, level, name = KINDS[index % len(KINDS)]
        adopted_on = datetime.date(2000, 1, 1) + datetime.timedelta(days=index % 9000)
        title = f"{name} о порядке {rng.choice(SUBJECTS)} № {index}"
        topic_id = topic_ids[index % len(topic_ids)] if topic_ids else None
        doc_pk, edition_pk = document_id + offset, edition_id + offset
        writer.document(doc_pk, f"{NUMBER_PREFIX}{index:06d}", title, kind, level, adopted_on,
                        topic_id)  # fmt: skip
        writer.edition(edition_pk, doc_pk, adopted_on)
        first = unit_id + offset * per_document
        _articles(writer, first, edition_pk, doc_pk, ARTICLES_PER_DOCUMENT, rng)
    writer.flush()


def _generate_large_document(now, stdout):
    if Document.objects.filter(pk=LARGE_DOCUMENT_ID).exists():
        return
    rng = random.Random(LARGE_DOCUMENT_ID)
    writer = _Writer(now, in_chapters=True)
    title = "Об организации местного самоуправления (крупный документ для нагрузочного теста)"
    writer.document(LARGE_DOCUMENT_ID, "BENCH-LARGE", title, "federal_law", "federal",
                    datetime.date(2024, 1, 1))  # fmt: skip
    edition_id = _reserve_ids(Edition, 1)
    writer.edition(edition_id, LARGE_DOCUMENT_ID, datetime.date(2024, 1, 1))
    units = _units_for(LARGE_DOCUMENT_ARTICLES, chapters=10)
    first = _reserve_ids(StructuralUnit, units)
    _articles(writer, first, edition_id, LARGE_DOCUMENT_ID, LARGE_DOCUMENT_ARTICLES, rng, 10)
    writer.flush()
    stdout.write(f"legal_vector: крупный документ {LARGE_DOCUMENT_ID}, единиц {units}.")


def generate(scale, stdout):
    now = timezone.now()
    _generate_large_document(now, stdout)
    target = round(DOCUMENTS_AT_SCALE_1 * scale)
    existing = Document.objects.filter(number__startswith=NUMBER_PREFIX).exclude(
        pk=LARGE_DOCUMENT_ID
    )
    start = existing.count()
    topic_ids = list(Topic.objects.values_list("pk", flat=True))
    for batch_start in range(start, target, BATCH_SIZE):
        _generate_batch(batch_start, min(batch_start + BATCH_SIZE, target), topic_ids, now)
    if target > start:
        with connection.cursor() as cursor:
            for model in (Document, Edition, StructuralUnit):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    stdout.write(
        f"legal_vector: документов для теста {max(start, target)} "
        f"(единиц ≈ {max(start, target) * _units_for(ARTICLES_PER_DOCUMENT)})."
    )


def _sampled_unit_texts(limit):
    """Texts of about 1% of the units, spread over the whole table (a repeatable sample); a
    small table, where a 1% sample of pages may be empty, is read from its start."""
    table = StructuralUnit._meta.db_table
    sampled = f"SELECT text FROM {table} TABLESAMPLE SYSTEM (1) REPEATABLE (7)"
    plain = f"SELECT text FROM {table}"
    with connection.cursor() as cursor:
        for source in (sampled, plain):
            cursor.execute(f"{source} WHERE text <> '' LIMIT %s", [limit])
            texts = [row[0] for row in cursor.fetchall()]
            if len(texts) >= limit // 10:
                break
    return texts


QUESTION_FORMS = [
    "Что установлено о {} {}?",
    "Кто отвечает за {} {}?",
    "В какой срок решается вопрос {} {}?",
    "Как регулируется {} {}?",
]


def bench_families():
    """Distinct mode (issue 10): word pairs from unit texts for the legal and the site-wide
    search, random documents, questions."""
    texts = _sampled_unit_texts(MIN_DISTINCT * 5)
    pairs = word_pairs(texts, MIN_DISTINCT)
    # Other pairs for the site-wide search, so neither family warms the other's cache.
    site_pairs = word_pairs(reversed(texts), MIN_DISTINCT, seed=13)
    document_ids = list(
        Document.objects.filter(number__startswith=NUMBER_PREFIX).values_list("pk", flat=True)
    )
    rng = random.Random(11)
    documents = rng.sample(document_ids, min(MIN_DISTINCT, len(document_ids)))
    questions = [
        QUESTION_FORMS[i % len(QUESTION_FORMS)].format(*pair) for i, pair in enumerate(pairs)
    ]
    return [
        family(
            "legal: search, distinct word pairs",
            [query_path("/legal/search/?q=", p) for p in pairs],
        ),
        family(
            "legal: document, distinct documents", [f"/legal/documents/{pk}/" for pk in documents]
        ),
        family(
            "site search, distinct word pairs",
            [query_path("/search/?q=", p) for p in site_pairs],
        ),
        family(
            "legal: ask, distinct questions",
            [query_path("/legal/api/ask?q=", q.split()) for q in questions],
        ),
    ]


BENCH_FAMILIES = bench_families
# Issue 10: distinct-mode ratios at scale 1, and the first-time answer of one search.
BENCH_DISTINCT_TARGETS = {
    "legal: search, distinct word pairs": 0.03,
    "legal: document, distinct documents": 0.10,
    "legal: ask, distinct questions": 0.03,
    "site search, distinct word pairs": 0.03,
}
BENCH_FIRST_TIME_MS = {
    "legal: search, distinct word pairs": 150,
    "site search, distinct word pairs": 150,
}

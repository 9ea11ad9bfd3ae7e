"""Benchmark data of the practices (issue 11): 30,000 published practices at scale 1, with
300,000 comments, 100,000 «Полезно» reactions and 20,000 adoptions.

Rows go in with PostgreSQL COPY, a batch of practices with everything attached to them in one
transaction; practice ids are reserved from the sequence first so the attached rows can name
them. Bench practices have numbered slugs (`bench-0000042`): their count tells where to resume,
so a second run adds nothing and a larger scale adds only what is missing.

`copy_rows`, `reserve_ids` and `comment_rows` are shared with the dialog and academy bench
modules (they sit above practices in the layers).
"""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from bench.distinct import MIN_DISTINCT, family, query_path, sampled, word_pairs
from portal.bench import bench_users
from portal.community.models.comments import Comment
from portal.community.models.social import Reaction
from portal.models import Sphere
from portal.municipalities.models import Municipality, Region
from practices.models import Adoption, Practice, PracticeStatus

PRACTICES_AT_SCALE_1 = 30_000
COMMENTS_AT_SCALE_1 = 300_000
REACTIONS_AT_SCALE_1 = 100_000
ADOPTIONS_AT_SCALE_1 = 20_000
# The page bench reads a thread this long on the first practice.
LONG_THREAD = 500
BATCH_SIZE = 2_000
PREFIX = "bench-"
# The table whose bench rows tell the generator where to resume.
MAIN_MODEL = Practice
FIRST_PATH = f"/practices/{PREFIX}0000001/"

BENCH_URLS = [
    ("practices: list, guest", "/practices/", False),
    ("practices: practice with 500 comments", FIRST_PATH, False),
]
BENCH_TARGETS = {
    "practices: list, guest": 0.30,
    "practices: practice with 500 comments": 0.10,
}

TOPICS = [
    "раздельный сбор отходов", "электронная очередь в детские сады", "ремонт дворов",
    "школьный автобус", "уличное освещение", "приём граждан онлайн", "сельский туризм",
    "поддержка волонтёров", "благоустройство набережной", "энергосбережение в школах",
    "инициативное бюджетирование", "цифровая карта участков", "молодёжный совет",
]  # fmt: skip
ACTIONS = [
    "Администрация провела опрос жителей и составила реестр",
    "Отдел благоустройства заключил соглашение с подрядчиком",
    "Специалисты перевели заявления граждан в электронный вид",
    "Депутаты утвердили программу с понятными показателями",
    "Муниципалитет привлёк субсидию региона и средства предпринимателей",
]
RESULTS = [
    "Очередь сократилась вдвое за полгода",
    "Жалобы жителей снизились на треть",
    "Расходы бюджета уменьшились на пятнадцать процентов",
    "Число участников выросло в четыре раза",
]
# Prose is drawn from these words so search word pairs differ from text to text.
VOCABULARY = [
    "жители", "администрация", "бюджет", "подрядчик", "программа", "субсидия", "поселение",
    "район", "школа", "дорога", "освещение", "отходы", "площадка", "сквер", "транспорт",
    "волонтёры", "предприниматели", "депутаты", "заявления", "реестр", "опрос", "собрание",
    "проект", "смета", "контракт", "ремонт", "строительство", "обучение", "консультации",
    "поддержка", "молодёжь", "пенсионеры", "семьи", "культура", "спорт", "туризм", "экология",
    "водоснабжение", "отопление", "газификация", "интернет", "библиотека", "медицина",
    "безопасность", "пожарные", "старосты",
]  # fmt: skip
REMARKS = [
    "Спасибо за подробное описание, попробуем повторить у себя.",
    "Подскажите, сколько времени заняла подготовка документов?",
    "У нас похожий опыт, но подрядчика искали дольше.",
    "Очень полезная практика для небольших поселений.",
    "Какие источники финансирования оказались самыми надёжными?",
]


def copy_rows(model, rows):
    """COPY dicts keyed by attname into the model's table; the model's default fills any
    column a row leaves out, so columns added later still load. Generated columns are skipped."""
    if not rows:
        return
    fields = [
        field
        for field in model._meta.concrete_fields
        if not getattr(field, "generated", False)
        and (not field.primary_key or field.attname in rows[0])
    ]
    blank = model()
    now = timezone.now()
    defaults = [
        field.get_db_prep_save(
            now
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            else getattr(blank, field.attname),
            connection,
        )
        for field in fields
    ]
    # Values given in rows (text, numbers, dates, uuids) go to psycopg as they are: preparing
    # each one through its field is the slowest part of a big COPY. JSON and arrays need it.
    adapted = [field.get_internal_type() in ("JSONField", "ArrayField") for field in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(
                [
                    default
                    if field.attname not in row
                    else field.get_db_prep_save(row[field.attname], connection)
                    if adapt
                    else row[field.attname]
                    for field, adapt, default in zip(fields, adapted, defaults, strict=True)
                ]
            )


def reserve_ids(model, count):
    """`count` ids taken from the table's sequence, for rows that others point at."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def comment_rows(content_type, item_ids, counts, user_ids, rng, now, texts=REMARKS):
    """Top-level comments by random users: `counts[i]` of them on `item_ids[i]`."""
    return [
        {
            "content_type_id": content_type.pk,
            "object_id": item_id,
            "author_id": rng.choice(user_ids),
            "text": rng.choice(texts),
            "created_at": now - timedelta(minutes=rng.randrange(365 * 24 * 60)),
        }
        for item_id, count in zip(item_ids, counts, strict=True)
        for _ in range(count)
    ]


def prose(rng, length=14, words=VOCABULARY):
    """A sentence of random domain words: searchable text with many distinct word pairs."""
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


def spread(total, items, rng):
    """`total` split over `items` at random (each gets a count)."""
    counts = [0] * items
    for _ in range(total):
        counts[rng.randrange(items)] += 1
    return counts


def analyze(*models):
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def bench_practices():
    return Practice.objects.filter(slug__startswith=PREFIX)


def _practice(pk, number, rng, municipality_ids, user_ids, now):
    topic = rng.choice(TOPICS)
    published = now - timedelta(days=rng.randrange(3 * 365))
    return {
        "id": pk,
        "title": f"{topic.capitalize()}: опыт муниципалитета № {number}",
        "slug": f"{PREFIX}{number:07d}",
        "municipality_id": rng.choice(municipality_ids),
        "key_result": rng.choice(RESULTS),
        "problem": f"Жители жаловались, что {topic} работает плохо и медленно.",
        "solution": f"{rng.choice(ACTIONS)}. {prose(rng)}",
        "results": f"{rng.choice(RESULTS)}. {rng.choice(RESULTS)}.",
        "budget": rng.choice([None, rng.randint(1, 300) * 100_000]),
        "started_year": rng.randint(2012, now.year),
        "status": PracticeStatus.PUBLISHED,
        "live": True,
        "author_id": rng.choice(user_ids),
        "created_at": published,
        "first_published_at": published,
        "last_published_at": published,
    }


def _write_batch(numbers, rng, context, quotas):
    now = timezone.now()
    user_ids, municipality_ids, sphere_ids = (
        context["users"],
        context["municipalities"],
        context["spheres"],
    )
    with transaction.atomic():
        ids = reserve_ids(Practice, len(numbers))
        copy_rows(
            Practice,
            [
                _practice(pk, number, rng, municipality_ids, user_ids, now)
                for pk, number in zip(ids, numbers, strict=True)
            ],
        )
        copy_rows(
            Practice.spheres.through,
            [
                {"practice_id": pk, "sphere_id": sphere}
                for pk in ids
                for sphere in rng.sample(sphere_ids, 2)
            ],
        )
        counts = spread(quotas["comments"], len(ids), rng)
        if numbers[0] == 1:
            counts[0] = LONG_THREAD
        copy_rows(Comment, comment_rows(context["type"], ids, counts, user_ids, rng, now))
        reactions = spread(quotas["reactions"], len(ids), rng)
        copy_rows(
            Reaction,
            [
                {"content_type_id": context["type"].pk, "object_id": pk, "user_id": user}
                for pk, count in zip(ids, reactions, strict=True)
                for user in rng.sample(user_ids, min(count, len(user_ids)))
            ],
        )
        adopted = rng.sample(ids, min(quotas["adoptions"], len(ids)))
        copy_rows(
            Adoption,
            [
                {
                    "practice_id": pk,
                    "municipality_id": rng.choice(municipality_ids),
                    "recorded_by_id": rng.choice(user_ids),
                    "adopted_on": (now - timedelta(days=rng.randrange(700))).date(),
                }
                for pk in adopted
            ],
        )


def generate(scale, stdout):
    target = round(PRACTICES_AT_SCALE_1 * scale)
    existing = bench_practices().count()
    if existing >= target:
        stdout.write(f"practices: {existing} bench practices already there (needed {target}).")
        return
    rng = random.Random(existing)
    context = {
        "users": list(bench_users().values_list("pk", flat=True)),
        "municipalities": list(Municipality.objects.values_list("pk", flat=True)),
        "spheres": list(Sphere.objects.values_list("pk", flat=True)),
        "type": ContentType.objects.get_for_model(Practice, for_concrete_model=False),
    }
    for start in range(existing + 1, target + 1, BATCH_SIZE):
        numbers = range(start, min(start + BATCH_SIZE, target + 1))
        share = len(numbers) / PRACTICES_AT_SCALE_1
        quotas = {
            "comments": round(COMMENTS_AT_SCALE_1 * share),
            "reactions": round(REACTIONS_AT_SCALE_1 * share),
            "adoptions": round(ADOPTIONS_AT_SCALE_1 * share),
        }
        _write_batch(numbers, rng, context, quotas)
        stdout.write(f"practices: {numbers[-1]} of {target} bench practices")
    analyze(Practice, Practice.spheres.through, Comment, Reaction, Adoption)


def _facet_combinations(rng, count):
    """Two or three of the catalogue's filters (names of PracticeFilter's fields)."""
    spheres = list(Sphere.objects.values_list("slug", flat=True))
    regions = list(Region.objects.values_list("code", flat=True))
    year = timezone.localdate().year
    choices = [
        lambda: f"sphere={rng.choice(spheres)}",
        lambda: f"region={rng.choice(regions)}",
        lambda: f"year={rng.randint(2012, year)}",
        lambda: f"budget_max={rng.randint(1, 300) * 100_000}",
        lambda: f"adopted={rng.choice(['1', '3'])}",
        lambda: f"sort={rng.choice(['adopted', 'useful'])}",
    ]
    combinations = set()
    for _ in range(count * 20):
        picked = rng.sample(choices, rng.randint(2, 3))
        combinations.add("&".join(sorted(make() for make in picked)))
        if len(combinations) >= count:
            break
    return sorted(combinations)


def bench_families():
    rng = random.Random(11)
    practices = bench_practices()
    texts = sampled(practices, MIN_DISTINCT * 3, seed=31).values_list("problem", "solution")
    pairs = word_pairs((" ".join(pair) for pair in texts), MIN_DISTINCT)
    slugs = list(sampled(practices, MIN_DISTINCT, seed=32).values_list("slug", flat=True))
    return [
        family(
            "practices: list, distinct filters",
            [f"/practices/?{query}" for query in _facet_combinations(rng, MIN_DISTINCT)],
        ),
        family(
            "practices: list, distinct searches",
            [query_path("/practices/?q=", pair) for pair in pairs],
        ),
        family("practices: practice page, distinct", [f"/practices/{slug}/" for slug in slugs]),
    ]


BENCH_FAMILIES = bench_families
BENCH_DISTINCT_TARGETS = {
    "practices: list, distinct filters": 0.05,
    "practices: list, distinct searches": 0.05,
    "practices: practice page, distinct": 0.10,
}
BENCH_FIRST_TIME_MS = {
    "practices: list, distinct filters": 150,
    "practices: list, distinct searches": 150,
}

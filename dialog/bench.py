"""Benchmark data of «Муниципальный диалог» (issue 13): 200,000 public problems at scale 1,
2,000,000 supports and 500,000 comments; the first problem carries a 500-comment thread.

Rows go in with PostgreSQL COPY (helpers shared with `practices.bench`), a batch of problems
with their supports and comments in one transaction; problem ids are reserved from the sequence
first. Bench problems are those of bench users: their count tells where to resume, so a second
run adds nothing and a larger scale adds only what is missing. The bench login user authors the
first problems, so «Мои проблемы» is not empty.
"""

import random
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from bench.distinct import MIN_DISTINCT, family, query_path, sampled, word_pairs
from dialog.models import Problem, ProblemLevel, ProblemStatus, Support
from dialog.models.choices import ANSWERED_STATUSES, AWAITING_ANSWER, PUBLIC_STATUSES
from portal.bench import bench_users, login_user
from portal.community.models.comments import Comment
from portal.models import Sphere
from portal.municipalities.models import Municipality, MunicipalityType, Region
from practices.bench import (
    analyze,
    comment_rows,
    copy_rows,
    prose,
    reserve_ids,
    spread,
)

PROBLEMS_AT_SCALE_1 = 200_000
SUPPORTS_AT_SCALE_1 = 2_000_000
COMMENTS_AT_SCALE_1 = 500_000
LONG_THREAD = 500
BATCH_SIZE = 5_000
# The login user's own problems: the first numbers of the first run.
OWN_PROBLEMS = 5
# The table whose bench rows tell the generator where to resume.
MAIN_MODEL = Problem

TOPICS = [
    "Бесхозяйные сети водоснабжения", "Нехватка средств на ремонт дорог",
    "Передача полномочий без финансирования", "Сложная отчётность по субсидиям",
    "Дефицит кадров в сельских школах", "Вывоз отходов из удалённых сёл",
    "Согласование земельных участков", "Содержание муниципального жилья",
    "Закупки малого объёма", "Уличное освещение вдоль трасс",
]  # fmt: skip
VOCABULARY = [
    "полномочия", "финансирование", "субсидия", "отчётность", "поселение", "округ",
    "водоснабжение", "водоотведение", "котельная", "дороги", "мосты", "кладбища",
    "земельные", "участки", "кадастр", "закупки", "контракт", "норматив", "методика",
    "регион", "министерство", "казначейство", "прокуратура", "штрафы", "проверки",
    "жители", "старосты", "депутаты", "бюджет", "дефицит", "кредиты", "тарифы",
    "специалисты", "вакансии", "зарплаты", "обучение", "школы", "фельдшеры", "транспорт",
    "автобусы", "освещение", "отходы", "полигон", "площадки", "благоустройство",
]  # fmt: skip
REMARKS = [
    "У нас в районе ровно такая же ситуация, поддерживаю.",
    "Пробовали обращаться в министерство, ответа пока нет.",
    "Предлагаю добавить в проблему данные по нашему округу.",
    "Решили частично через соглашение с регионом, готовы поделиться.",
    "Без изменения федерального норматива это не решить.",
]


def bench_problems():
    return Problem.objects.filter(author__in=bench_users())


def first_problem_path():
    """The problem with the long thread: the first bench problem."""
    pk = bench_problems().order_by("pk").values_list("pk", flat=True).first()
    return f"/dialog/problems/{pk}/"


def bench_urls():
    return [
        ("dialog: field, guest, no filter", "/dialog/", False),
        ("dialog: problem with 500 comments", first_problem_path(), False),
        ("dialog: analytics, no filter", "/dialog/analytics/", False),
        ("dialog: my problems", "/dialog/my/", True),
    ]


BENCH_URLS = bench_urls
BENCH_TARGETS = {
    "dialog: field, guest, no filter": 0.30,
    "dialog: problem with 500 comments": 0.10,
    "dialog: analytics, no filter": 0.03,
}


def _problem(pk, author, rng, context, now):
    municipality, region, kind = context["municipalities"][author[1]]
    status = rng.choice(PUBLIC_STATUSES)
    published = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
    return {
        "id": pk,
        "author_id": author[0],
        "municipality_id": municipality,
        "region_id": region,
        "municipality_kind": kind,
        "direction_id": rng.choice(context["directions"]),
        "title": f"{rng.choice(TOPICS)}: {prose(rng, 4, VOCABULARY).lower()[:-1]}",
        "description": prose(rng, 30, VOCABULARY),
        "consequences": prose(rng, 12, VOCABULARY),
        "proposed_solution": prose(rng, 12, VOCABULARY),
        "level": rng.choice(ProblemLevel.values),
        "status": status,
        "submission_token": uuid.UUID(int=rng.getrandbits(128)),
        "created_at": published - timedelta(days=2),
        "submitted_at": published - timedelta(days=1),
        "published_at": published,
        "answered_at": published + timedelta(days=20) if status in ANSWERED_STATUSES else None,
        "due_at": published + timedelta(days=30) if status in AWAITING_ANSWER else None,
    }


def _supports(ids, counts, rng, context, now):
    users = context["users"]
    return [
        {
            "problem_id": pk,
            "user_id": user,
            "municipality_id": municipality,
            "created_at": now - timedelta(minutes=rng.randrange(365 * 24 * 60)),
        }
        for pk, count in zip(ids, counts, strict=True)
        for user, municipality in rng.sample(users, min(count, len(users)))
    ]


def _write_batch(first_number, size, rng, context, quotas):
    now = timezone.now()
    users = context["users"]
    authors = [rng.choice(users) for _ in range(size)]
    if first_number == 1:
        authors[:OWN_PROBLEMS] = [context["login"]] * min(OWN_PROBLEMS, size)
    with transaction.atomic():
        ids = reserve_ids(Problem, size)
        supports = [min(count, len(users)) for count in spread(quotas["supports"], size, rng)]
        rows = [
            _problem(pk, author, rng, context, now) for pk, author in zip(ids, authors, strict=True)
        ]
        for row, count in zip(rows, supports, strict=True):
            row["supports_count"] = count
        copy_rows(Problem, rows)
        copy_rows(Support, _supports(ids, supports, rng, context, now))
        comments = spread(quotas["comments"], size, rng)
        if first_number == 1:
            comments[0] = LONG_THREAD
        user_ids = [user for user, _ in users]
        copy_rows(
            Comment, comment_rows(context["type"], ids, comments, user_ids, rng, now, REMARKS)
        )


def _context():
    places = Municipality.objects.values_list("pk", "region_id", "kind")
    user = login_user()
    return {
        "users": list(bench_users().values_list("pk", "municipality_id")),
        "login": (user.pk, user.municipality_id),
        "municipalities": {pk: (pk, region, kind) for pk, region, kind in places},
        "directions": list(Sphere.objects.directions().values_list("pk", flat=True)),
        "type": ContentType.objects.get_for_model(Problem, for_concrete_model=False),
    }


def generate(scale, stdout):
    target = round(PROBLEMS_AT_SCALE_1 * scale)
    existing = bench_problems().count()
    if existing >= target:
        stdout.write(f"dialog: {existing} bench problems already there (needed {target}).")
        return
    rng = random.Random(existing)
    context = _context()
    for start in range(existing + 1, target + 1, BATCH_SIZE):
        size = min(BATCH_SIZE, target + 1 - start)
        share = size / PROBLEMS_AT_SCALE_1
        quotas = {
            "supports": round(SUPPORTS_AT_SCALE_1 * share),
            "comments": round(COMMENTS_AT_SCALE_1 * share),
        }
        _write_batch(start, size, rng, context, quotas)
        stdout.write(f"dialog: {start + size - 1} of {target} bench problems")
    analyze(Problem, Support, Comment)


def _facet_combinations(rng, count):
    """Two to four of the field's filters (names of ProblemFilter's fields)."""
    directions = list(Sphere.objects.directions().values_list("slug", flat=True))
    regions = list(Region.objects.values_list("code", flat=True))
    public = [status.value for status in ProblemStatus if status in PUBLIC_STATUSES]
    choices = [
        lambda: f"direction={rng.choice(directions)}",
        lambda: f"region={rng.choice(regions)}",
        lambda: f"kind={rng.choice(MunicipalityType.values)}",
        lambda: f"status={rng.choice(public)}",
        lambda: f"level={rng.choice(ProblemLevel.values)}",
        lambda: f"answered={rng.choice(['yes', 'no'])}",
        lambda: f"overdue={rng.choice(['yes', 'no'])}",
        lambda: f"sort={rng.choice(['newest', 'supported', 'waiting'])}",
    ]
    combinations = set()
    for _ in range(count * 20):
        picked = rng.sample(choices, rng.randint(2, 4))
        combinations.add("&".join(sorted(make() for make in picked)))
        if len(combinations) >= count:
            break
    return sorted(combinations)


def bench_families():
    rng = random.Random(13)
    problems = bench_problems()
    texts = sampled(problems, MIN_DISTINCT * 2, seed=41).values_list("description", flat=True)
    pairs = word_pairs(texts, MIN_DISTINCT)
    ids = list(sampled(problems, MIN_DISTINCT, seed=42).values_list("pk", flat=True))
    return [
        family(
            "dialog: field, distinct filters",
            [f"/dialog/?{query}" for query in _facet_combinations(rng, MIN_DISTINCT)],
        ),
        family("dialog: field, distinct searches", [query_path("/dialog/?q=", p) for p in pairs]),
        family("dialog: problem page, distinct", [f"/dialog/problems/{pk}/" for pk in ids]),
        family(
            "dialog: analytics, distinct filters",
            [f"/dialog/analytics/?{query}" for query in _facet_combinations(rng, MIN_DISTINCT)],
        ),
    ]


BENCH_FAMILIES = bench_families
BENCH_DISTINCT_TARGETS = {
    "dialog: field, distinct filters": 0.05,
    "dialog: field, distinct searches": 0.05,
    "dialog: problem page, distinct": 0.10,
    "dialog: analytics, distinct filters": 0.03,
}
BENCH_FIRST_TIME_MS = {
    "dialog: field, distinct filters": 150,
    "dialog: field, distinct searches": 150,
}

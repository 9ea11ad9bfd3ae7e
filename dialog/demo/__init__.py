"""Demo content of «Муниципальный диалог»: experts of every direction, a lead expert, over 500
problems in every state with supports, answers, merges, a split, clusters and escalations.

Built from the hand-written parts in `texts.py`; idempotent (problems are found by title).
"""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from dialog.demo.texts import (
    CLUSTERS,
    CONTEXTS,
    MILESTONES,
    PROBLEMS,
    REJECTION,
    RETURN_NOTE,
    REVIEW_REASON,
    SPLIT_PART,
    SPLIT_REMAINDER,
)
from dialog.models import (
    Answer,
    Cluster,
    DirectionSettings,
    ExpertDirection,
    Milestone,
    Problem,
    ProblemStatus,
    Support,
    TransitionLog,
)
from dialog.splitting import SPLITTABLE, split
from portal.accounts import roles
from portal.accounts.demo import DEMO_PASSWORD
from portal.accounts.models import User
from portal.models import Sphere
from portal.municipalities.models import Municipality

S = ProblemStatus
AUTHORS = 80
LEVELS = ["federal", "federal", "regional", "municipal"]
# The share of each state in the demo, in a repeating pattern of 30.
PATTERN = (
    [S.DRAFT]
    + [S.MODERATION] * 2
    + [S.RETURNED]
    + [S.REJECTED]
    + [S.REVIEW] * 8
    + [S.ANSWERED] * 6
    + [S.IN_PROGRESS] * 4
    + [S.SOLVED] * 4
    + [S.UNSOLVABLE]
    + [S.MERGED] * 2
)


def seed(stdout):
    titles = [f"{p[0]} {c}" for problems in PROBLEMS.values() for p in problems for c in CONTEXTS]
    if Problem.objects.filter(title__in=titles[:5]).exists():
        stdout.write(f"  диалог: демо-проблемы уже есть ({Problem.objects.count()})")
        return
    with transaction.atomic():
        _seed(stdout)


def _user(email, last, first, municipality, role_names, staff=False):
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "last_name": last,
            "first_name": first,
            "municipality": municipality,
            "is_verified": True,
            "verified_at": timezone.now(),
            "is_staff": staff,
            "position": "Эксперт" if staff else "Специалист администрации",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=role_names))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def _people(directions, municipalities):
    authors = [
        _user(
            f"dialog-author-{n:02d}@demo.local",
            "Демо",
            f"Автор {n}",
            municipalities[n * 7 % len(municipalities)],
            [roles.EMPLOYEE],
        )
        for n in range(AUTHORS)
    ]
    lead = _user("lead-expert@demo.local", "Ведущий", "Эксперт", None, [roles.LEAD_EXPERT], True)
    experts = {}
    for direction in directions:
        expert = _user(
            f"dialog-expert-{direction.slug}@demo.local",
            "Эксперт",
            direction.name[:60],
            None,
            [roles.EXPERT],
            True,
        )
        ExpertDirection.objects.get_or_create(expert=expert, direction=direction)
        ExpertDirection.objects.get_or_create(
            expert=lead, direction=direction, defaults={"is_lead": True}
        )
        experts[direction.pk] = expert
    demo_expert = User.objects.filter(email="expert@demo.local").first()
    if demo_expert is not None:
        for direction in directions:
            ExpertDirection.objects.get_or_create(expert=demo_expert, direction=direction)
    return authors, experts, lead


def _seed(stdout):
    rng = random.Random(13)
    now = timezone.now()
    directions = list(Sphere.objects.directions())
    by_slug = {d.slug: d for d in directions}
    municipalities = list(Municipality.objects.select_related("region").order_by("pk"))
    authors, experts, lead = _people(directions, municipalities)
    moderator = User.objects.filter(groups__name=roles.MODERATOR).order_by("pk").first()
    sla = {s.direction_id: s.sla_days for s in DirectionSettings.objects.all()}
    clusters = {}
    for title, summary, slugs in CLUSTERS:
        cluster, _ = Cluster.objects.get_or_create(title=title, defaults={"summary": summary})
        for slug in slugs:
            clusters[slug] = cluster

    problems, plan, stems = [], [], []
    number = 0
    for slug, items in PROBLEMS.items():
        direction = by_slug[slug]
        for stem, (title, description, consequences, proposal, answer) in enumerate(items):
            for context_no, context in enumerate(CONTEXTS):
                author = authors[(number * 13 + stem) % AUTHORS]
                # Authors write from different municipalities of the whole country.
                municipality = municipalities[(number * 37 + context_no) % len(municipalities)]
                status = PATTERN[number % len(PATTERN)]
                created = now - datetime.timedelta(
                    days=rng.randint(5, 420), hours=rng.randint(0, 23)
                )
                problem = Problem(
                    author=author,
                    municipality=municipality,
                    region=municipality.region,
                    municipality_kind=municipality.kind,
                    direction=direction,
                    title=f"{title} {context}",
                    description=f"{description} Особенно остро это {context}.",
                    consequences=consequences,
                    proposed_solution=proposal,
                    level=LEVELS[number % len(LEVELS)],
                    status=status,
                    created_at=created,
                    cluster=clusters.get(slug) if context_no % 3 == 0 else None,
                )
                _dates(problem, rng, sla[direction.pk], experts[direction.pk], now)
                problems.append(problem)
                plan.append(answer)
                stems.append((slug, stem))
                number += 1
    Problem.objects.bulk_create(problems, batch_size=500)
    _history(problems, plan, moderator, experts, lead, now)
    _supports(problems, authors, rng)
    _merges(problems, stems, moderator)
    _split(problems, moderator)
    stdout.write(f"  диалог: создано {len(problems)} проблем")


def _dates(problem, rng, sla_days, expert, now):
    status = problem.status
    if status == S.DRAFT:
        return
    problem.submitted_at = problem.created_at + datetime.timedelta(hours=rng.randint(1, 48))
    if status in (S.MODERATION, S.RETURNED, S.REJECTED):
        return
    problem.published_at = problem.submitted_at + datetime.timedelta(hours=rng.randint(4, 96))
    problem.assignee = expert
    problem.due_at = problem.published_at + datetime.timedelta(days=sla_days)
    if status == S.REVIEW and problem.due_at < now:
        problem.escalated_at = problem.due_at + datetime.timedelta(minutes=15)
    if status in (S.ANSWERED, S.IN_PROGRESS, S.SOLVED, S.UNSOLVABLE):
        late = rng.random() < 0.2
        days = sla_days + rng.randint(1, 10) if late else rng.randint(3, sla_days)
        problem.answered_at = min(problem.published_at + datetime.timedelta(days=days), now)
    if status in (S.SOLVED, S.UNSOLVABLE):
        problem.closed_at = min(
            problem.answered_at + datetime.timedelta(days=rng.randint(10, 90)), now
        )


def _history(problems, answers_text, moderator, experts, lead, now):
    logs, answers, milestones = [], [], []
    for problem, answer_text in zip(problems, answers_text, strict=True):
        if problem.submitted_at is None:
            continue

        def log(source, target, at, role, actor=None, comment="", action="", problem=problem):
            logs.append(
                TransitionLog(
                    problem=problem,
                    source=source,
                    target=target,
                    at=at,
                    actor=actor,
                    actor_role=role,
                    comment=comment,
                    action=action or target,
                )
            )

        log(S.DRAFT, S.MODERATION, problem.submitted_at, "автор", problem.author, action="submit")
        if problem.status == S.RETURNED:
            log(
                S.MODERATION,
                S.RETURNED,
                problem.submitted_at + datetime.timedelta(hours=20),
                "модератор",
                moderator,
                RETURN_NOTE,
                "return_to_author",
            )
        if problem.status == S.REJECTED:
            log(
                S.MODERATION,
                S.REJECTED,
                problem.submitted_at + datetime.timedelta(hours=20),
                "модератор",
                moderator,
                REJECTION,
                "reject",
            )
        if problem.published_at is None:
            continue
        log(
            S.MODERATION,
            S.PUBLISHED,
            problem.published_at,
            "модератор",
            moderator,
            action="publish",
        )
        log(
            S.PUBLISHED,
            S.REVIEW,
            problem.published_at,
            "система",
            comment="Назначена автоматически",
            action="assign",
        )
        if problem.escalated_at:
            log(
                S.REVIEW,
                S.REVIEW,
                problem.escalated_at,
                "система",
                comment="Срок ответа истёк, проблема передана ведущему эксперту.",
                action="escalate",
            )
        if problem.answered_at is None:
            continue
        expert = experts[problem.direction_id]
        answers.append(
            Answer(
                problem=problem,
                author=expert,
                author_role="эксперт",
                text=answer_text,
                published_at=problem.answered_at,
                rating=(problem.pk % 5) + 1 if problem.pk % 3 else None,
            )
        )
        log(
            S.REVIEW,
            S.ANSWERED,
            problem.answered_at,
            "эксперт",
            expert,
            "Опубликован официальный ответ",
            "answer",
        )
        if problem.status in (S.IN_PROGRESS, S.SOLVED):
            started = problem.answered_at + datetime.timedelta(days=3)
            log(S.ANSWERED, S.IN_PROGRESS, started, "эксперт", expert, action="start_work")
            for step, (title, progress) in enumerate(MILESTONES):
                milestones.append(
                    Milestone(
                        problem=problem,
                        title=title,
                        progress=100 if problem.status == S.SOLVED else progress,
                        due_on=(started + datetime.timedelta(days=30 * (step + 1))).date(),
                    )
                )
        if problem.status == S.SOLVED:
            log(S.IN_PROGRESS, S.SOLVED, problem.closed_at, "эксперт", expert, action="resolve")
        if problem.status == S.UNSOLVABLE:
            log(
                S.ANSWERED,
                S.UNSOLVABLE,
                problem.closed_at,
                "ведущий эксперт",
                lead,
                "Решение вне компетенции федеральных органов.",
                "declare_unsolvable",
            )
    TransitionLog.objects.bulk_create(logs, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=500)
    Milestone.objects.bulk_create(milestones, batch_size=500)
    # One contested answer, as the author would see it after asking for a review.
    contested = next((a for a in answers if a.problem.status == S.ANSWERED), None)
    if contested is not None:
        Answer.objects.filter(pk=contested.pk).update(review_reason=REVIEW_REASON)


def _supports(problems, authors, rng):
    public = [p for p in problems if p.published_at is not None and p.status != S.MERGED]
    supports = []
    for problem in public:
        count = rng.choice([0, 1, 2, 3, 5, 8, 13, 21, 40])
        chosen = rng.sample(authors, min(count, len(authors)))
        supports += [
            Support(
                problem=problem,
                user=user,
                municipality_id=user.municipality_id,
                created_at=problem.published_at + datetime.timedelta(days=1),
            )
            for user in chosen
            if user.pk != problem.author_id
        ]
    Support.objects.bulk_create(supports, batch_size=1000, ignore_conflicts=True)
    counts = dict(
        Support.objects.filter(problem__in=public).values_list("problem").annotate(n=Count("pk"))
    )
    for problem in public:
        problem.supports_count = counts.get(problem.pk, 0)
        problem.is_prioritized = problem.supports_count >= 40
    Problem.objects.bulk_update(public, ["supports_count", "is_prioritized"], batch_size=500)


def _merges(problems, stems, moderator):
    """Each «объединена» problem joins the first published problem of the same stem."""
    targets = {}
    for problem, stem in zip(problems, stems, strict=True):
        public = problem.published_at is not None and problem.status != S.MERGED
        if public and stem not in targets:
            targets[stem] = problem
    logs = []
    for problem, stem in zip(problems, stems, strict=True):
        target = targets.get(stem)
        if problem.status != S.MERGED or target is None:
            continue
        problem.merged_into = target
        problem.closed_at = problem.published_at
        logs.append(
            TransitionLog(
                problem=problem,
                actor=moderator,
                actor_role="модератор",
                action="merge",
                source=S.REVIEW,
                target=S.MERGED,
                at=problem.published_at,
                comment=f"Объединена с № {target.pk}",
            )
        )
    Problem.objects.bulk_update(
        [p for p in problems if p.merged_into_id], ["merged_into", "closed_at"]
    )
    TransitionLog.objects.bulk_create(logs)


def _split(problems, moderator):
    """The moderator moves the ownership question out of the first public problem about
    ownerless networks, through the same service a moderator's click uses. The portal's demo
    accounts bring the moderator; seeded without them, the dialog has nobody to split with."""
    if moderator is None:
        return
    source = next(
        p
        for p in problems
        if p.title.startswith(PROBLEMS["zhkh"][0][0]) and p.status in SPLITTABLE and p.published_at
    )
    split(
        source.pk,
        moderator,
        source.status,
        {"direction": source.direction, **SPLIT_PART},
        remaining_description=SPLIT_REMAINDER,
        comment="в проблеме два разных вопроса: деньги на содержание и срок оформления права",
    )

"""The demo: over 500 problems in every direction and state, with supports, answers, merges,
clusters and escalations; seeding twice changes nothing."""

import io

from django.db.models import Count, F

from dialog import demo
from dialog.models import Answer, Cluster, Problem, ProblemStatus, Support


def test_the_demo_covers_directions_states_and_is_idempotent(db):
    demo.seed(io.StringIO())
    total = Problem.objects.count()
    demo.seed(io.StringIO())
    assert Problem.objects.count() == total >= 500
    assert Problem.objects.values("direction").distinct().count() == 14
    assert Problem.objects.values("region").distinct().count() >= 50
    states = set(Problem.objects.values_list("status", flat=True))
    assert states == set(ProblemStatus.values) - {ProblemStatus.PUBLISHED}
    assert Support.objects.count() > 1000
    assert Answer.objects.count() == Problem.objects.filter(answered_at__isnull=False).count()
    assert Problem.objects.filter(escalated_at__isnull=False).exists()
    merged = Problem.objects.filter(status=ProblemStatus.MERGED)
    assert merged.exists() and not merged.filter(merged_into__isnull=True).exists()
    assert Cluster.objects.annotate(n=Count("problems")).filter(n__gt=0).count() == 6
    counted = Problem.objects.annotate(n=Count("supports"))
    assert not counted.exclude(supports_count=F("n")).exists()


def test_the_demo_has_a_problem_split_by_a_moderator_with_both_sides_logged(moderator):
    demo.seed(io.StringIO())
    part = Problem.objects.get(split_from__isnull=False)
    source = part.split_from
    assert part.author_id == source.author_id and part.direction_id == source.direction_id
    assert part.is_public and "признание права" in part.title
    assert "Выделена из проблемы" in part.history.get(action="split_from").comment
    assert f"№ {part.pk}" in source.history.get(action="split").comment
    assert "в суд" not in source.description

"""Factories of dialog problems in any state, for the dialog tests."""

import datetime

import factory
from django.utils import timezone

from dialog.models import Problem, ProblemStatus, TransitionLog
from portal.models import Sphere
from tests.factories import UserFactory


def direction(slug="zhkh"):
    return Sphere.objects.get(slug=slug)


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    author = factory.SubFactory(UserFactory)
    municipality = factory.LazyAttribute(lambda o: o.author.municipality)
    region = factory.LazyAttribute(lambda o: o.author.municipality.region)
    municipality_kind = factory.LazyAttribute(lambda o: o.author.municipality.kind)
    direction = factory.LazyFunction(direction)
    title = factory.Sequence(lambda n: f"Нет средств на содержание бесхозяйных сетей {n}")
    description = "Сети водоснабжения не оформлены в собственность, содержать их не на что."
    consequences = "Аварии и жалобы жителей."
    proposed_solution = "Изменить порядок признания права собственности."


def problem_in(status, **fields):
    """A problem already in `status`, with the dates that state implies."""
    now = timezone.now()
    dates = {}
    if status != ProblemStatus.DRAFT:
        dates["submitted_at"] = now - datetime.timedelta(days=3)
    if status not in (
        ProblemStatus.DRAFT,
        ProblemStatus.MODERATION,
        ProblemStatus.RETURNED,
        ProblemStatus.REJECTED,
    ):
        dates["published_at"] = now - datetime.timedelta(days=2)
        dates["due_at"] = now + datetime.timedelta(days=28)
    problem = ProblemFactory(status=status, **{**dates, **fields})
    if status != ProblemStatus.DRAFT:
        TransitionLog.objects.create(
            problem=problem,
            action="submit",
            source=ProblemStatus.DRAFT,
            target=ProblemStatus.MODERATION,
            actor=problem.author,
            actor_role="автор",
        )
    return problem

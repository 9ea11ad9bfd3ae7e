"""People of the dialog: the author, a co-author, experts of two directions, a lead expert."""

import pytest
from django.utils import timezone

from dialog.models import Coauthor, ExpertDirection, ProblemStatus
from portal.accounts import roles
from tests.dialog.factories import direction, problem_in
from tests.factories import UserFactory


@pytest.fixture
def zhkh(db):
    return direction("zhkh")


@pytest.fixture
def roads(db):
    return direction("roads")


@pytest.fixture
def author(db, municipality):
    return UserFactory(municipality=municipality, roles=[roles.EMPLOYEE])


@pytest.fixture
def coauthor(db):
    return UserFactory(roles=[roles.EMPLOYEE])


@pytest.fixture
def dialog_expert(db, zhkh):
    user = UserFactory(is_staff=True, roles=[roles.EXPERT])
    ExpertDirection.objects.create(expert=user, direction=zhkh)
    return user


@pytest.fixture
def other_expert(db, roads):
    user = UserFactory(is_staff=True, roles=[roles.EXPERT])
    ExpertDirection.objects.create(expert=user, direction=roads)
    return user


@pytest.fixture
def lead_expert(db, zhkh):
    user = UserFactory(is_staff=True, roles=[roles.LEAD_EXPERT])
    ExpertDirection.objects.create(expert=user, direction=zhkh, is_lead=True)
    return user


@pytest.fixture
def make_problem(db, author, coauthor, dialog_expert):
    """make_problem(status) → a ЖКХ problem by `author` with a confirmed `coauthor`; problems
    under review are assigned to `dialog_expert`."""

    def make(status=ProblemStatus.MODERATION, **fields):
        if status in (ProblemStatus.REVIEW, ProblemStatus.ANSWERED, ProblemStatus.IN_PROGRESS):
            fields.setdefault("assignee", dialog_expert)
        problem = problem_in(status, author=author, **fields)
        Coauthor.objects.create(
            problem=problem,
            user=coauthor,
            municipality=coauthor.municipality,
            confirmed_at=timezone.now(),
        )
        return problem

    return make


@pytest.fixture
def people(
    db,
    author,
    coauthor,
    other_employee,
    unverified_user,
    moderator,
    dialog_expert,
    other_expert,
    lead_expert,
):
    """Every role of the role × state matrix; None is the guest."""
    return {
        "author": author,
        "coauthor": coauthor,
        "other_employee": other_employee,
        "unverified": unverified_user,
        "moderator": moderator,
        "expert": dialog_expert,
        "other_expert": other_expert,
        "lead_expert": lead_expert,
        "guest": None,
    }

"""152-ФЗ: the person's problems, supports and answers are exported; deletion removes drafts
and supports (recounting them) and keeps published problems without a name."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from dialog import supporting
from dialog.models import Problem, ProblemStatus
from dialog.personal_data import erase, export


def test_export_and_erasure(make_problem, author, other_employee):
    published = make_problem(ProblemStatus.REVIEW)
    draft = make_problem(ProblemStatus.DRAFT)
    other = make_problem(ProblemStatus.REVIEW)
    supporting.support(other.pk, other_employee)
    data = export(author)
    assert {p["id"] for p in data["problems"]} == {published.pk, draft.pk, other.pk}
    json.dumps(export(other_employee), cls=DjangoJSONEncoder)
    assert export(other_employee)["supports"][0]["problem_id"] == other.pk
    erase(author)
    erase(other_employee)
    assert not Problem.objects.filter(pk=draft.pk).exists()
    assert Problem.objects.filter(pk=published.pk).exists()
    other.refresh_from_db()
    assert other.supports_count == 0

"""`portal.compiled.CompiledRows`: a queryset compiled once, run for any user with the same rows
Django's own read gives."""

import pytest

from portal.compiled import CompiledRows
from portal.notifications.models import Notification
from portal.notifications.services import notify

pytestmark = pytest.mark.django_db

FIELDS = ("id", "kind", "text", "link", "created_at", "read_at")


def _read_then_unread(user_id):
    return Notification.objects.filter(user_id=user_id).order_by("read_at", "-pk")


def test_rows_are_those_of_the_orm_for_each_user(employee, other_employee):
    notify(employee, "account.verified", "Первое")
    notify(employee, "account.verified", "Второе «с кавычками»", link="/practices/")
    notify(other_employee, "account.verified", "Чужое")
    Notification.objects.filter(text="Первое").update(read_at="2026-12-01T10:00:00Z")
    rows = CompiledRows(_read_then_unread, FIELDS)
    for user in (employee, other_employee):
        assert rows(user.pk) == list(_read_then_unread(user.pk).values(*FIELDS))
    assert [row["text"] for row in rows(employee.pk)] == ["Первое", "Второе «с кавычками»"]
    assert rows(0) == []


def test_the_sql_is_built_once(employee, django_assert_num_queries):
    rows = CompiledRows(_read_then_unread, FIELDS)
    rows(employee.pk)
    built = rows.compiled
    with django_assert_num_queries(1):
        rows(employee.pk)
    assert rows.compiled is built


def test_a_queryset_that_ignores_the_value_is_refused():
    rows = CompiledRows(lambda user_id: Notification.objects.all(), FIELDS)
    with pytest.raises(ValueError):
        rows(1)


def test_a_list_of_ids_is_one_array_parameter(employee, other_employee):
    notify(employee, "account.verified", "Первое")
    notify(other_employee, "account.verified", "Второе")
    notify(other_employee, "account.verified", "Третье")
    ids = list(Notification.objects.order_by("pk").values_list("pk", flat=True))
    rows = CompiledRows(lambda pks: Notification.objects.filter(pk__any=pks), FIELDS, many=True)
    for chosen in (ids, ids[1:], ids[:1], []):
        expected = list(Notification.objects.filter(pk__in=chosen).values(*FIELDS))
        assert sorted(rows(chosen), key=lambda row: row["id"]) == sorted(
            expected, key=lambda row: row["id"]
        )
    assert "= ANY(" in rows.compiled[1]


def test_texts_are_bound_after_the_value(employee):
    notify(employee, "account.verified", "Первое")
    notify(employee, "account.verified", "Второе")
    rows = CompiledRows(
        lambda user_id, text: Notification.objects.filter(user_id=user_id, text=text),
        FIELDS,
        texts=1,
    )
    for text in ("Первое", "Второе", "Третье"):
        expected = list(Notification.objects.filter(user_id=employee.pk, text=text).values(*FIELDS))
        assert rows(employee.pk, text) == expected
    with pytest.raises(TypeError):
        rows(employee.pk)

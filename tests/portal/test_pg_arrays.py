"""Number arrays read in binary straight into NumPy arrays (`portal.search.pg_arrays`), as the
search words' ids and ranks are read."""

import numpy as np
import pytest

from portal.search.pg_arrays import numbers_cursor

pytestmark = pytest.mark.django_db


def _one(sql, params=()):
    with numbers_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


@pytest.mark.parametrize(
    ("sql", "dtype", "expected"),
    [
        ("SELECT ARRAY[3, -7, 2147483647]::int4[]", np.int32, [3, -7, 2147483647]),
        ("SELECT ARRAY[5, 9007199254740993]::int8[]", np.int64, [5, 9007199254740993]),
        ("SELECT ARRAY[0.5, 0.125, 3]::float4[]", np.float32, [0.5, 0.125, 3.0]),
        ("SELECT '{}'::int8[]", np.int64, []),
    ],
)
def test_arrays_come_back_as_numpy_arrays_with_their_values(sql, dtype, expected):
    (array,) = _one(sql)
    assert isinstance(array, np.ndarray) and array.dtype == dtype
    assert array.tolist() == expected


def test_aggregates_and_parameters_as_in_a_word_read():
    ids, ranks, nothing = _one(
        "SELECT array_agg(g) FILTER (WHERE g %% %s = 0), "
        "array_agg(g::float4 / 4) FILTER (WHERE g %% %s = 0), "
        "array_agg(g) FILTER (WHERE g < 0) FROM generate_series(1, 100000) g",
        [7, 7],
    )
    assert ids.tolist() == list(range(7, 100001, 7))
    assert np.allclose(ranks, np.arange(7, 100001, 7) / 4)
    assert nothing is None  # an aggregate over no rows


def test_an_array_with_a_null_is_refused_not_misread():
    with pytest.raises(ValueError, match="NULL"):
        _one("SELECT ARRAY[1, NULL]::int4[]")


def test_other_values_read_as_usual():
    assert _one("SELECT %s::text, 4::int, true, ARRAY['а', 'б']", ["слово"]) == (
        "слово",
        4,
        True,
        ["а", "б"],
    )


def test_its_statements_are_counted(django_assert_num_queries):
    with django_assert_num_queries(1):
        _one("SELECT ARRAY[1]::int4[]")

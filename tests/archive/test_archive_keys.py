"""Search keys: publication time in the high bits, so date order and date filters are rowid ranges."""
from __future__ import annotations

from datetime import date

import pytest

from archive.schema import key_range, search_key


@pytest.mark.parametrize("earlier, later", [
    ("2022-11-03", "2022-11-04"),
    ("2022-11-03T23:59:00+07:00", "2022-11-04"),
    ("2022-11-03", "2022-11-03T00:01:00+07:00"),
    (None, "1990-01-01"),
    ("not a date", "2001-01-01"),
])
def test_keys_sort_by_publication_time(earlier, later):
    assert search_key(earlier, 999) < search_key(later, 1)


def test_key_range_includes_both_days_and_nothing_else():
    low, high = key_range(date(2022, 11, 3), date(2022, 11, 4))
    assert low <= search_key("2022-11-03", 5) <= high
    assert low <= search_key("2022-11-04T23:59:00+07:00", 5) <= high
    assert not low <= search_key("2022-11-05", 5) <= high
    assert not low <= search_key("2022-11-02T23:59:00+07:00", 5) <= high
    assert not low <= search_key(None, 5) <= high
    everything = key_range(None, None)
    assert everything[0] <= search_key(None, 1) and search_key("2099-12-31T23:59:00+07:00", 2**32 - 1) <= everything[1]

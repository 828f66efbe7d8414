"""Dates that cannot be right: days that do not exist, and dates in the future (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest

from annotated_edition.sources.dates import future_date, impossible_date, latest_today


@pytest.mark.parametrize("value, problem", [
    ("2026-02-30", "February 2026 has 28 days"),
    ("2024-02-30", "February 2024 has 29 days"),
    ("2026-04-31", "April 2026 has 30 days"),
    ("2026-12-32", "December 2026 has 31 days"),
    ("2026-13", "there is no month 13"),
])
def test_days_that_do_not_exist_are_named(value: str, problem: str) -> None:
    assert problem in (impossible_date(value) or "")


@pytest.mark.parametrize("value", ["2024-02-29", "2026", "2026-11", "2026-12-31", "1900-02-28"])
def test_real_days_pass(value: str) -> None:
    assert impossible_date(value) is None


@pytest.mark.parametrize("value, future", [
    ("2026-11-29", False), ("2026-11-30", True), ("2026-11", False), ("2026-12", True),
    ("2026", False), ("2027", True), ("2018-06-12", False),
])
def test_the_future_is_after_today_at_every_precision(value: str, future: bool) -> None:
    assert future_date(value, dt.date(2026, 11, 29)) is future


def test_today_is_counted_where_it_is_latest() -> None:
    # 11:00 UTC on 29 November is already 30 November in UTC+14 (Kiribati): a contributor there
    # writing their own date is not refused.
    moment = dt.datetime(2026, 11, 29, 11, 0, tzinfo=dt.timezone.utc)
    assert latest_today(moment) == dt.date(2026, 11, 30)
    assert not future_date("2026-11-30", latest_today(moment))
    assert future_date("2026-12-01", latest_today(moment))

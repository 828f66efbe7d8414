"""Dates a contributor writes (``2026-11-20``, ``2026-11``, ``2026``) that cannot be right.

The schemas check the form of a date; this checks the calendar and the clock. A day that does
not exist (``2026-02-30``) is refused, and so is a note dated in the future: the newest note's
date becomes the edition's date in every citation, so one typo (``2099``) would date the whole
edition. "The future" is measured against today in the earliest time zone on Earth (UTC+14), so
a contributor who writes their own today's date is never refused, wherever they live.
"""

from __future__ import annotations

import datetime as _dt

__all__ = ["impossible_date", "future_date", "latest_today"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_EARLIEST_ZONE = _dt.timezone(_dt.timedelta(hours=14))


def latest_today(now: _dt.datetime | None = None) -> _dt.date:
    """Today's date where it is latest (UTC+14): no one anywhere has a later date yet."""
    moment = now or _dt.datetime.now(_dt.timezone.utc)
    return moment.astimezone(_EARLIEST_ZONE).date()


def _parts(value: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in value.split("-"))
    except ValueError:
        return None


def impossible_date(value: str) -> str | None:
    """Why a well-formed date does not exist (None if it does): ``2026-02-30``, ``2026-13``."""
    parts = _parts(value)
    if parts is None or len(parts) < 2:
        return None
    year, month = parts[0], parts[1]
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}; months go from 01 to 12"
    if len(parts) == 3:
        try:
            _dt.date(year, month, parts[2])
        except ValueError:
            last = (_dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)).day
            return f"{_MONTHS[month - 1]} {year} has {last} days, so day {parts[2]:02d} does not exist"
    return None


def future_date(value: str, today: _dt.date) -> bool:
    """Whether the (partial) date is entirely after ``today``: ``2027`` is, ``2026-11`` is not in
    November 2026."""
    parts = _parts(value)
    if parts is None:
        return False
    now = (today.year, today.month, today.day)[: len(parts)]
    return parts > now

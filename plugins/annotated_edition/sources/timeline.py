"""Dated events: load ``timeline.yml``, put events in order, and draw a static SVG overview.

A date is written as precisely as it is known: "1996", "2000-06" or "2018-06-12". Events sort
by date, a less precise date first among those it contains ("2018" before "2018-06-12"), then
in file order, so the order never depends on anything but the data.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Callable

from .commentary import suggest_refs
from ..diagnostics import Diagnostics
from .documents import source_from
from ..model import Event, Ref
from .schema_check import load_listing
from .yaml_source import YamlList

__all__ = ["load_events", "sorted_events", "format_date", "date_sort_key", "event_anchor"]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def event_anchor(event: Event) -> str:
    return f"event-{event.id}"


def date_sort_key(date: str) -> tuple[int, int, int]:
    """(year, month, day), with 0 for what a less precise date leaves out."""
    parts = [int(p) for p in date.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def sorted_events(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: date_sort_key(e.date))  # sorted() is stable: file order breaks ties


def format_date(date: str) -> str:
    """How a date reads: "July 27, 1953", "June 2000" or "1996"."""
    year, month, day = date_sort_key(date)
    if not month:
        return str(year)
    if not day:
        return f"{_MONTHS[month - 1]} {year}"
    return f"{_MONTHS[month - 1]} {day}, {year}"


def _check_calendar(date: str) -> str | None:
    year, month, day = date_sort_key(date)
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError as error:
        return str(error)
    return None


def load_events(path: Path, resolves: Callable[[Ref], bool], all_refs: list[str],
                diagnostics: Diagnostics) -> list[Event]:
    """Load and check ``timeline.yml`` (events in file order); a missing file means none."""
    found = Diagnostics()
    listed = load_listing(path, "events", "timeline", found)
    if listed is None:
        diagnostics.extend(found)
        return []
    items: YamlList = listed
    first_line: dict[str, int] = {}
    events: list[Event] = []
    for item in items:
        if item["id"] in first_line:
            found.error(path, *item.at("id"), f"duplicate event id '{item['id']}'",
                        f"It is already used on line {first_line[item['id']]}; event IDs must be unique.")
        first_line.setdefault(item["id"], item.at("id")[0])
        problem = _check_calendar(item["date"])
        if problem:
            found.error(path, *item.at("date"), f"event '{item['id']}' has an impossible date {item['date']!r} ({problem})",
                        "Write a real calendar date as YYYY, YYYY-MM or YYYY-MM-DD.")
        concerns: list[Ref] = []
        listed: YamlList = item["concerns"]
        for index, text in enumerate(listed):
            ref = Ref.parse(text)
            if not resolves(ref):
                suggestions = suggest_refs(str(ref), all_refs)
                found.error(path, *listed.at(index), f"event '{item['id']}' concerns unknown clause or document '{ref}'",
                            f"Did you mean: {', '.join(suggestions)}?" if suggestions else
                            "Write a document ID or document/clause.")
            elif ref in concerns:
                found.error(path, *listed.at(index), f"event '{item['id']}' lists '{ref}' twice",
                            "Remove the repeated reference.")
            else:
                concerns.append(ref)
        events.append(Event(id=item["id"], date=item["date"], title=" ".join(item["title"].split()),
                            description=" ".join(item["description"].split()), concerns=tuple(concerns),
                            sources=tuple(source_from(s) for s in item["sources"]), line=item.position[0]))
    diagnostics.extend(found)
    return [] if found else events

"""Timeline data: order by date and precision, date display, errors at line and column, and
the static SVG overview."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotated_edition.diagnostics import Diagnostics
from annotated_edition.model import Event, Ref
from annotated_edition.sources.timeline import format_date, load_events, sorted_events
from annotated_edition.render.timeline_svg import BREAK_AFTER_YEARS, axis_segments, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _event(event_id: str, date: str) -> Event:
    return Event(event_id, date, f"Title {event_id}", "Description.", (Ref("doc"),), ())


def test_events_sort_by_date_a_coarser_date_first_then_file_order() -> None:
    events = [_event("late", "2019-02"), _event("day", "2018-06-12"), _event("year", "2018"),
              _event("month", "2018-06"), _event("same-day-second", "2018-06-12"), _event("early", "1953-07-27")]
    assert [e.id for e in sorted_events(events)] == ["early", "year", "month", "day", "same-day-second", "late"]


@pytest.mark.parametrize(("date", "shown", "precision"), [
    ("1953-07-27", "July 27, 1953", "day"), ("2000-06", "June 2000", "month"), ("1996", "1996", "year"),
])
def test_dates_read_as_precisely_as_they_are_known(date: str, shown: str, precision: str) -> None:
    assert format_date(date) == shown
    assert _event("x", date).precision == precision


EVENT = """\
  - id: {id}
    date: "{date}"
    title: A title
    description: What happened.
    concerns: [{concerns}]
    sources:
      - {{title: A source, publisher: A publisher}}
"""


def _load(tmp_path: Path, *events: tuple[str, str, str]) -> tuple[list[Event], str]:
    path = tmp_path / "timeline.yml"
    path.write_text("events:\n" + "".join(EVENT.format(id=i, date=d, concerns=c) for i, d, c in events), encoding="utf-8")
    diagnostics = Diagnostics()
    known = {"doc", "doc/one", "doc/two"}
    loaded = load_events(path, lambda ref: str(ref) in known, sorted(known), diagnostics)
    return loaded, diagnostics.format(tmp_path)


def test_a_valid_timeline_loads_in_file_order(tmp_path: Path) -> None:
    events, problems = _load(tmp_path, ("b", "2019", "doc/one"), ("a", "2018-06-12", "doc, doc/two"))
    assert problems == ""
    assert [(e.id, e.date, e.concerns) for e in events] == [
        ("b", "2019", (Ref("doc", "one"),)), ("a", "2018-06-12", (Ref("doc"), Ref("doc", "two")))]


@pytest.mark.parametrize(("events", "expected"), [
    ((("a", "2018-06-12", "doc/three"),), "timeline.yml:6:16: error: event 'a' concerns unknown clause or document 'doc/three'"),
    ((("a", "2018-02-30", "doc"),), "timeline.yml:3:11: error: event 'a' has an impossible date '2018-02-30'"),
    ((("a", "12 June 2018", "doc"),), "timeline.yml:3:11: error: 'events[0].date' is '12 June 2018'; expected: YYYY, YYYY-MM or YYYY-MM-DD"),
    ((("a", "2018", "doc"), ("a", "2019", "doc")), "timeline.yml:9:9: error: duplicate event id 'a'"),
    ((("a", "2018", ""),), "timeline.yml:6:15: error: 'events[0].concerns' needs at least 1 item(s)"),
    ((("a", "2018", "doc, doc"),), "timeline.yml:6:21: error: event 'a' lists 'doc' twice"),
])
def test_mistakes_are_reported_at_their_line_and_column(tmp_path: Path, events: tuple, expected: str) -> None:
    loaded, problems = _load(tmp_path, *events)
    assert loaded == []
    assert expected in problems, problems


def test_unknown_reference_suggests_the_nearest(tmp_path: Path) -> None:
    _, problems = _load(tmp_path, ("a", "2018", "doc/on"))
    assert "Did you mean: doc/one" in problems


def test_axis_cuts_out_long_empty_stretches() -> None:
    segments = axis_segments(["1953-07-27", "1996", "2018-06-12", "2019-02"])
    assert [(s.start, s.end) for s in segments] == [(1953, 1954), (1996, 1997), (2018, 2020)]
    close = axis_segments([f"{2000 + BREAK_AFTER_YEARS}", "2000"])
    assert len(close) == 1, "a gap of BREAK_AFTER_YEARS or less is drawn to scale"
    for left, right in zip(segments, segments[1:]):
        assert left.x_of(left.end) < right.x, "segments are laid out left to right without overlap"


def test_svg_overview_has_one_mark_per_event_and_is_stable() -> None:
    events = [_event("a", "1953-07-27"), _event("b", "1996"), _event("c", "2018-06"), _event("d", "2018-06-12"),
              _event("e", "2018-06-12")]
    svg = timeline_svg(events, [("2018-06-12", "Statement")])
    assert svg == timeline_svg(list(events), [("2018-06-12", "Statement")])
    distinct = events[:4]
    assert timeline_svg(distinct) == timeline_svg(list(reversed(distinct))), "order comes from the dates"
    assert "\n\n" not in svg, "a blank line would end the raw HTML block in Markdown"
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Timeline overview"
    marks = root.findall(f"{SVG}g[@data-event]")
    assert [g.get("data-event") for g in marks] == ["a", "b", "c", "d", "e"]
    assert marks[0].find(f"{SVG}title").text == "July 27, 1953: Title a"
    assert marks[1].find(f"{SVG}rect") is not None, "a year-precise event is a bar"
    assert "ae-tl-mark--month" in marks[2].find(f"{SVG}circle").get("class")
    same_day = [float(g.find(f"{SVG}circle").get("cy")) for g in marks[3:]]
    assert same_day[0] != same_day[1], "two events on one day are stacked, not drawn on top of each other"
    years = [t.text for t in root.findall(f"{SVG}text[@class='ae-tl-year']")]
    assert "1953" in years and "2018" in years

"""A static SVG overview of the timeline, drawn at build time: no script, nothing fetched.

Time runs left to right on one axis; a long stretch without events is cut out and the cut
drawn, so that one early event does not squeeze the busy years into a corner. A day-precise
event is a filled dot, a month-precise one a ring, a year-precise one a bar as wide as its
year. Markers that would touch are stacked upward, so a busy year grows a column instead of
a blot. For assistive technology the picture is one image with a title and a description;
the ordered list beside it on the timeline page is the accessible version. Numbers are
rounded so that the same data always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fragments import esc
from ..model import Event
from ..sources.timeline import date_sort_key, format_date, sorted_events

__all__ = ["timeline_svg", "Marker", "Segment", "axis_segments", "layout_markers"]

WIDTH = 720
MARGIN = 28
ROW_HEIGHT = 14
MIN_GAP = 13.0
AXIS_LABEL_SPACE = 30
TOP_SPACE = 34
BREAK_AFTER_YEARS = 4   # a longer stretch without events is cut out of the axis
BREAK_WIDTH = 24.0


@dataclass(frozen=True)
class Marker:
    event: Event
    x: float
    width: float
    row: int


def _fractional_year(date: str) -> tuple[float, float]:
    """Where a date starts on the time axis, in years, and how long its precision spans."""
    year, month, day = date_sort_key(date)
    if not month:
        return float(year), 1.0
    if not day:
        return year + (month - 1) / 12, 1 / 12
    return year + (month - 1) / 12 + (day - 1) / 372, 0.0


@dataclass(frozen=True)
class Segment:
    """A stretch of years drawn to scale; stretches are separated by a drawn break."""

    start: int
    end: int
    x: float
    scale: float

    def x_of(self, year: float) -> float:
        return self.x + (year - self.start) * self.scale


def axis_segments(dates: list[str]) -> list[Segment]:
    """Years with events, in stretches: an empty gap longer than BREAK_AFTER_YEARS is cut out,
    so decades without events do not squeeze the busy years into a corner."""
    years = sorted({date_sort_key(d)[0] for d in dates})
    spans: list[list[int]] = [[years[0], years[0] + 1]]
    for year in years[1:]:
        if year - spans[-1][1] > BREAK_AFTER_YEARS:
            spans.append([year, year + 1])
        else:
            spans[-1][1] = year + 1
    plot = WIDTH - 2 * MARGIN - BREAK_WIDTH * (len(spans) - 1)
    scale = plot / sum(end - start for start, end in spans)
    segments, x = [], float(MARGIN)
    for start, end in spans:
        segments.append(Segment(start, end, x, scale))
        x += (end - start) * scale + BREAK_WIDTH
    return segments


def _x_of(segments: list[Segment], year: float) -> float:
    segment = next((s for s in segments if s.start <= year < s.end), segments[-1])
    return segment.x_of(year)


def _tick_step(span: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100):
        if span / step <= 8:
            return step
    return 200


def layout_markers(events: list[Event], segments: list[Segment]) -> list[Marker]:
    """Place each event on the axis and give it the lowest row where it touches nothing."""
    row_ends: list[float] = []
    markers: list[Marker] = []
    for event in sorted_events(events):
        begin, span = _fractional_year(event.date)
        width = span * segments[0].scale
        x = _x_of(segments, begin) + width / 2
        left, right = x - max(width / 2, MIN_GAP / 2), x + max(width / 2, MIN_GAP / 2)
        row = next((i for i, last in enumerate(row_ends) if last <= left), len(row_ends))
        if row == len(row_ends):
            row_ends.append(right)
        else:
            row_ends[row] = right
        markers.append(Marker(event, round(x, 1), round(width, 1), row))
    return markers


def _marker_svg(marker: Marker, axis_y: int) -> str:
    event = marker.event
    y = axis_y - 10 - marker.row * ROW_HEIGHT
    label = f"{format_date(event.date)}: {event.title}"
    if event.precision == "year":
        width = max(marker.width, 6.0)
        shape = (f'<rect x="{marker.x - width / 2:.1f}" y="{y - 4}" width="{width:.1f}" height="8" rx="3" '
                 f'class="ae-tl-mark ae-tl-mark--year"/>')
    elif event.precision == "month":
        shape = f'<circle cx="{marker.x:.1f}" cy="{y}" r="4.5" class="ae-tl-mark ae-tl-mark--month"/>'
    else:
        shape = f'<circle cx="{marker.x:.1f}" cy="{y}" r="5" class="ae-tl-mark ae-tl-mark--day"/>'
    return f'<g data-event="{esc(event.id)}"><title>{esc(label)}</title>{shape}</g>'


def _axis_svg(segments: list[Segment], axis_y: int) -> list[str]:
    parts = []
    for index, segment in enumerate(segments):
        right = segment.x_of(segment.end)
        parts.append(f'<line class="ae-tl-axis" x1="{segment.x:.1f}" y1="{axis_y}" x2="{right:.1f}" y2="{axis_y}"/>')
        if index + 1 < len(segments):
            middle = right + BREAK_WIDTH / 2
            parts.append(f'<path class="ae-tl-break" d="M{middle - 5:.1f} {axis_y + 5} l4 -10 M{middle + 1:.1f} {axis_y + 5} l4 -10"/>')
        step = _tick_step(segment.end - segment.start)
        first = -(-segment.start // step) * step
        for year in range(first, segment.end, step):
            x = segment.x_of(year + 0.5) if segment.end - segment.start <= 2 else segment.x_of(year)
            parts.append(f'<line class="ae-tl-tick" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 6}"/>'
                         f'<text class="ae-tl-year" x="{x:.1f}" y="{axis_y + 20}" text-anchor="middle">{year}</text>')
    return parts


def timeline_svg(events: list[Event], highlights: list[tuple[str, str]] | None = None) -> str:
    """The overview as one ``<svg>`` element (no blank lines, so it can sit in Markdown).

    ``highlights`` are (date, label) pairs drawn as labelled guide lines, e.g. the documents.
    """
    highlights = highlights or []
    if not events:
        return ""
    ordered = sorted_events(events)
    segments = axis_segments([e.date for e in events] + [date for date, _ in highlights])
    markers = layout_markers(events, segments)
    rows = max(m.row for m in markers) + 1
    top = TOP_SPACE + 12 * max(len(highlights) - 1, 0)
    axis_y = top + rows * ROW_HEIGHT + 8
    height = axis_y + AXIS_LABEL_SPACE
    parts = [
        f'<svg class="ae-timeline-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="ae-tl-title ae-tl-desc" preserveAspectRatio="xMidYMid meet">',
        '<title id="ae-tl-title">Timeline overview</title>',
        f'<desc id="ae-tl-desc">{len(events)} events from {esc(format_date(ordered[0].date))} '
        f'to {esc(format_date(ordered[-1].date))} on one axis; long stretches without events are cut out. '
        f'The list below gives each event in full.</desc>',
        *_axis_svg(segments, axis_y),
    ]
    for index, (date, label) in enumerate(highlights):
        begin, _ = _fractional_year(date)
        x = _x_of(segments, begin)
        anchor = "end" if x > WIDTH / 2 else "start"
        offset = -4 if anchor == "end" else 4
        parts.append(f'<line class="ae-tl-guide" x1="{x:.1f}" y1="{12 + index * 12}" x2="{x:.1f}" y2="{axis_y}"/>'
                     f'<text class="ae-tl-guide-label" x="{x + offset:.1f}" y="{20 + index * 12}" '
                     f'text-anchor="{anchor}">{esc(label)}</text>')
    parts.extend(_marker_svg(marker, axis_y) for marker in markers)
    parts.append("</svg>")
    return "\n".join(parts)

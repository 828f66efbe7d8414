"""Status over time: how many commitments stood at each status at the end of each year, and on
the tracker's ``as_of`` date, as data and as a static SVG of stacked bars drawn at build time.

The picture needs no script and nothing from the network, so it reads from ``file://`` and on
paper; every bar segment carries its count as text (colour is never the only signal) and the
same numbers are given as a table beside it, the chart's text equivalent. Numbers are rounded
so the same data always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sources.commitments import STATUS_LABELS, STATUSES, status_on
from ..model import Commitment
from ..sources.timeline import format_date

__all__ = ["Snapshot", "snapshots", "chart_layout", "ChartLayout", "NO_STATUS", "chart_statuses", "status_label"]

NO_STATUS = "no-status"
"""A commitment whose first entry comes after the snapshot date."""

_WIDTH = 720
_LABEL_SPACE = 170
_RIGHT = 16
_BAR = 22
_GAP = 10
_TOP = 8
_LEGEND_ROW = 20


@dataclass(frozen=True)
class Snapshot:
    date: str
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def chart_statuses(commitments: list[Commitment]) -> list[str]:
    """The statuses the chart shows, in vocabulary order (plus "no status yet" when needed)."""
    used = {entry.status for c in commitments for entry in c.statuses}
    return [status for status in STATUSES if status in used]


def snapshots(commitments: list[Commitment], as_of: str) -> list[Snapshot]:
    """Counts at the end of each year from the first entry's year, then on ``as_of``."""
    if not commitments or not as_of:
        return []
    first_year = min(int(entry.date[:4]) for c in commitments for entry in c.statuses)
    last_year = int(as_of[:4])
    dates = [(f"{year}-12-31", f"End of {year}") for year in range(first_year, last_year)]
    if not dates or dates[-1][0] != as_of:
        dates.append((as_of, f"{format_date(as_of)} (as of)"))
    result = []
    for date, label in dates:
        counts = {status: 0 for status in STATUSES}
        counts[NO_STATUS] = 0
        for commitment in commitments:
            entry = status_on(commitment, date)
            counts[entry.status if entry else NO_STATUS] += 1
        result.append(Snapshot(date, label, counts))
    return result


def _r(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Bar:
    """One segment of a row: where it is drawn, and its count shown inside when it fits."""

    status: str
    label: str
    count: int
    x: str
    width: str
    show_count: bool
    middle: str


@dataclass(frozen=True)
class Row:
    label: str
    y: int
    text_y: str
    bars: list[Bar]


@dataclass(frozen=True)
class LegendItem:
    status: str
    label: str
    x: int
    y: int


@dataclass(frozen=True)
class ChartLayout:
    """Everything the chart template draws, computed here so the template only places it."""

    width: int
    height: int
    label_x: int
    rows: list[Row]
    legend: list[LegendItem]


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, "No status yet")


def chart_layout(rows: list[Snapshot], statuses: list[str]) -> ChartLayout:
    """Horizontal stacked bars, one per snapshot, segments in vocabulary order; a legend below."""
    if NO_STATUS not in statuses and any(row.counts[NO_STATUS] for row in rows):
        statuses = statuses + [NO_STATUS]
    largest = max((row.total for row in rows), default=1) or 1
    scale = (_WIDTH - _LABEL_SPACE - _RIGHT) / largest
    drawn: list[Row] = []
    for index, row in enumerate(rows):
        y = _TOP + index * (_BAR + _GAP)
        x = float(_LABEL_SPACE)
        bars = []
        for status in statuses:
            count = row.counts.get(status, 0)
            if not count:
                continue
            width = count * scale
            bars.append(Bar(status, status_label(status), count, _r(x), _r(width), width >= 14, _r(x + width / 2)))
            x += width
        drawn.append(Row(row.label, y, _r(y + _BAR / 2 + 4), bars))
    legend_top = _TOP + len(rows) * (_BAR + _GAP) + 8
    legend = [LegendItem(status, status_label(status), _LABEL_SPACE + (i % 3) * 170, legend_top + (i // 3) * _LEGEND_ROW)
              for i, status in enumerate(statuses)]
    height = legend_top + _LEGEND_ROW * ((len(statuses) + 2) // 3) + 8
    return ChartLayout(_WIDTH, height, _LABEL_SPACE - 8, drawn, legend)

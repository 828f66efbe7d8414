"""The timeline on the pages: the timeline page, and each clause page's own events."""

from __future__ import annotations

from itertools import groupby

from .commitments_page import event_commitments
from .fragments import esc, ref_label, render_sources
from ..model import Clause, Edition, Event
from ..sources.timeline import date_sort_key, event_anchor, format_date, sorted_events
from .timeline_svg import timeline_svg
from ..urls import Linker

__all__ = ["TIMELINE_PAGE", "render_timeline_page", "events_section"]

TIMELINE_PAGE = "timeline.md"


def _time(event: Event) -> str:
    return f'<time datetime="{esc(event.date)}">{esc(format_date(event.date))}</time>'


def _event_item(edition: Edition, event: Event, linker: Linker) -> str:
    concerns = ", ".join(f'<a href="{esc(linker.to(ref))}">{esc(ref_label(edition, ref))}</a>'
                         for ref in event.concerns)
    return (f'<li class="ae-event" id="{esc(event_anchor(event))}" data-date="{esc(event.date)}" '
            f'data-precision="{esc(event.precision)}">\n'
            f'<p class="ae-event__date">{_time(event)}</p>\n'
            f'<p class="ae-event__title"><strong>{esc(event.title)}</strong></p>\n'
            f'<p class="ae-event__description">{esc(event.description)}</p>\n'
            f'<p class="ae-event__concerns">Concerns: {concerns}</p>\n'
            + (f"{moved}\n" if (moved := event_commitments(edition, event, linker)) else "") +
            f'<div class="ae-event__sources"><p class="ae-event__sources-title">Sources</p>\n'
            f'{render_sources(event.sources)}\n</div>\n'
            f"</li>")


def render_timeline_page(edition: Edition, directory_urls: bool) -> str:
    """Every event in date order, grouped by year, after a static SVG overview."""
    linker = Linker(TIMELINE_PAGE, directory_urls)
    events = sorted_events(edition.events)
    highlights = [(d.date, f"{d.short_title}, {format_date(d.date)}") for d in edition.documents.values()]
    parts = ["# Timeline", "",
             '<p class="ae-lead">Events before and after the two texts, each tied to the clauses it bears on. '
             'A clause\'s page lists its own events.</p>', ""]
    if not events:
        return "\n".join(parts + ['<p class="ae-empty">No events yet.</p>', ""])
    parts += ['<figure class="ae-timeline-figure">', timeline_svg(events, highlights),
              '<figcaption>Overview: a filled dot is an event known to the day, a ring to the month, a bar to the '
              'year; a column means several events close together. Every event is listed in full below.'
              '</figcaption>', "</figure>", ""]
    for year, in_year in groupby(events, key=lambda e: date_sort_key(e.date)[0]):
        parts += [f"## {year}", "", '<ol class="ae-timeline">',
                  *(_event_item(edition, event, linker) for event in in_year), "</ol>", ""]
    return "\n".join(parts)


def events_section(edition: Edition):  # type: ignore[no-untyped-def]
    """A ``RenderContext`` clause section: the events that concern the clause, in order."""
    events = sorted_events(edition.events)

    def section(clause: Clause, linker: Linker) -> str:
        own = [event for event in events if clause.ref in event.concerns]
        if not own:
            return ""
        items = "\n".join(
            f'<li>{_time(event)}: <a href="{esc(linker.to_source(TIMELINE_PAGE, event_anchor(event)))}">'
            f"{esc(event.title)}</a></li>" for event in own)
        return f'## On the timeline\n\n<ul class="ae-clause-events">\n{items}\n</ul>'

    return section

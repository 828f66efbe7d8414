"""The timeline on the pages: the timeline page, and each clause page's own events.
The markup is in ``templates/timeline.md``, ``sections/timeline.md`` and ``partials/event.html``."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from .commitments_page import event_commitments
from .fragments import ref_label
from ..model import Clause, Edition, Event
from ..sources.timeline import date_sort_key, event_anchor, format_date, sorted_events
from .templates import Markup, Templates, package_templates
from .timeline_svg import timeline_svg
from ..urls import Linker

__all__ = ["TIMELINE_PAGE", "render_timeline_page", "events_section", "EventView"]

TIMELINE_PAGE = "timeline.md"


@dataclass(frozen=True)
class EventView:
    """An event as its templates show it: its anchor, its date as words, the clauses it concerns
    (each ``{"href", "label"}``), on a clause page the link to its timeline entry, and on the
    timeline page the commitments it moved."""

    event: Event
    anchor: str
    formatted_date: str
    concerns: tuple[dict[str, str], ...] = ()
    href: str = ""
    commitments: Markup = Markup("")  # the commitments the event moved (templates/commitments/)


def _view(edition: Edition, event: Event, linker: Linker, templates: Templates, href: str = "") -> EventView:
    concerns = tuple({"href": linker.to(ref), "label": ref_label(edition, ref)} for ref in event.concerns)
    return EventView(event, event_anchor(event), format_date(event.date), concerns, href,
                     Markup(event_commitments(edition, event, linker, templates)))


def render_timeline_page(edition: Edition, directory_urls: bool, templates: Templates | None = None) -> str:
    """Every event in date order, grouped by year, after a static SVG overview."""
    linker = Linker(TIMELINE_PAGE, directory_urls)
    events = sorted_events(edition.events)
    highlights = [(d.date, f"{d.short_title}, {format_date(d.date)}") for d in edition.documents.values()]
    chosen = templates or package_templates()
    years = [{"year": year, "events": [_view(edition, event, linker, chosen) for event in in_year]}
             for year, in_year in groupby(events, key=lambda e: date_sort_key(e.date)[0])]
    svg = Markup(timeline_svg(events, highlights)) if events else Markup("")
    return chosen.render("timeline.md", years=years, svg=svg)


def events_section(edition: Edition, templates: Templates | None = None):  # type: ignore[no-untyped-def]
    """A ``RenderContext`` clause section: the events that concern the clause, in order."""
    events = sorted_events(edition.events)
    chosen = templates or package_templates()

    def section(clause: Clause, linker: Linker) -> str:
        own = [event for event in events if clause.ref in event.concerns]
        if not own:
            return ""
        views = [EventView(event, event_anchor(event), format_date(event.date),
                           href=linker.to_source(TIMELINE_PAGE, event_anchor(event))) for event in own]
        return chosen.render("sections/timeline.md", events=views)

    return section

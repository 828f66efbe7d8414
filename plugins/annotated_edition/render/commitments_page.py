"""The implementation tracker on the pages: ``implementation.md``, each clause's "Implementation"
section and the block in each clause of a document page, the timeline's links back to the
commitments an event moved, and the print edition's table.

Python prepares plain data (:class:`CommitmentView`); the markup lives in Jinja2 templates
under ``templates/commitments/`` (autoescaped). The table is complete without script; the
filter in ``assets/commitments.js`` only hides rows, and its controls stay hidden without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


from ..sources.commitments import LEVELS, STATUS_LABELS, STATUSES, commitment_anchor, commitments_for
from .commitments_chart import chart_layout, chart_statuses, snapshots, status_label
from .fragments import ref_label
from .templates import package_templates
from ..model import Clause, Commitment, Edition, Event
from ..sources.timeline import event_anchor, format_date
from ..urls import Linker
from .templates import Markup, Templates

__all__ = ["IMPLEMENTATION_PAGE", "CommitmentView", "render_implementation_page", "clause_section",
           "document_block", "event_commitments", "print_section", "commitment_view"]

IMPLEMENTATION_PAGE = "implementation.md"
_TIMELINE_PAGE = "timeline.md"  # timeline_page.py imports this module; its constant would make a cycle

_MEANINGS = {
    "not-begun": "Nothing has been done yet to carry out the commitment.",
    "begun": "A first step has been taken, or the machinery to carry it out has been set up.",
    "partial": "A substantial part has been carried out, but not the whole.",
    "fulfilled": "Carried out as written.",
    "stalled": "Implementation has stopped without being undone.",
    "reversed": "What was done has been undone, or a party has renounced the commitment.",
}


def _render(templates: Templates | None, name: str, **data: Any) -> str:
    """A template's output as one raw-HTML block of Markdown: no blank line (it would end the
    block) and no indentation (four spaces would start a code block). The templates are the
    build's (a site may override ``commitments/*``), else the package's."""
    html = (templates or package_templates()).render(f"commitments/{name}", **data)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


@dataclass(frozen=True)
class EventLink:
    title: str
    href: str


@dataclass(frozen=True)
class HistoryItem:
    date: str
    date_text: str
    status: str
    status_label: str
    text: str
    events: tuple[EventLink, ...]
    sources_html: Markup
    source_count: int


@dataclass(frozen=True)
class CommitmentView:
    """What every template needs to show one commitment from one page."""

    id: str
    anchor: str
    document: str
    summary: str
    quote: str
    related: bool
    basis: str
    parties: str
    clause_text: str
    clause_href: str
    table_href: str
    print_href: str
    status: str
    status_label: str
    level: int
    since: str
    since_text: str
    history: tuple[HistoryItem, ...]


def commitment_view(edition: Edition, commitment: Commitment, linker: Linker) -> CommitmentView:
    events = {event.id: event for event in edition.events}
    current = commitment.current
    history = tuple(
        HistoryItem(entry.date, format_date(entry.date), entry.status, STATUS_LABELS[entry.status], entry.text,
                    tuple(EventLink(events[e].title, linker.to_source(_TIMELINE_PAGE, event_anchor(events[e])))
                          for e in entry.events if e in events),
                    Markup(package_templates().render("partials/sources_list.html", sources=entry.sources)), len(entry.sources))
        for entry in commitment.statuses)
    anchor = commitment_anchor(commitment)
    return CommitmentView(
        id=commitment.id, anchor=anchor, document=commitment.target.document, summary=commitment.summary,
        quote=commitment.quote, related=commitment.related, basis=commitment.basis,
        parties=", ".join(commitment.parties), clause_text=ref_label(edition, commitment.target),
        clause_href=linker.to(commitment.target, anchor),
        table_href=linker.to_source(IMPLEMENTATION_PAGE, anchor),
        print_href=f"#print-{commitment.target.document}--{commitment.target.clause}",
        status=current.status, status_label=STATUS_LABELS[current.status], level=current.level,
        since=commitment.since, since_text=format_date(commitment.since), history=history)


def _ordered(edition: Edition) -> list[Commitment]:
    """Document by document, clause by clause, then in file order."""
    position = {(d.id, c.id): (i, j) for i, d in enumerate(edition.documents.values()) for j, c in enumerate(d.clauses)}
    return sorted(edition.commitments, key=lambda c: position.get((c.target.document, c.target.clause or ""), (0, 0)))


def _page_data(edition: Edition, linker: Linker) -> dict[str, Any]:
    commitments = _ordered(edition)
    documents = [d for d in edition.documents.values() if any(c.target.document == d.id for c in commitments)]
    return {
        "as_of": edition.commitments_as_of, "as_of_text": format_date(edition.commitments_as_of),
        "commitments": [commitment_view(edition, c, linker) for c in commitments],
        "count": len(commitments), "documents": [d.short_title for d in documents],
        "document_options": [(d.id, d.short_title) for d in documents],
        "status_options": [(s, STATUS_LABELS[s]) for s in STATUSES
                           if any(c.current.status == s for c in commitments)],
    }


def render_implementation_page(edition: Edition, directory_urls: bool, templates: Templates | None = None) -> str:
    """The table of every commitment, the status-over-time chart and the vocabulary."""
    parts = ["# What became of each commitment", ""]
    if not edition.commitments:
        return "\n".join(parts + [_render(templates, "implementation.html", part="empty"), ""])
    linker = Linker(IMPLEMENTATION_PAGE, directory_urls)
    data = _page_data(edition, linker)
    rows = snapshots(edition.commitments, edition.commitments_as_of)
    shown = chart_statuses(edition.commitments)
    if any(row.counts.get("no-status") for row in rows):
        shown = shown + ["no-status"]
    final = rows[-1]
    description = (f"Stacked bars, one for the end of each year and one for {data['as_of_text']}. On "
                   f"{data['as_of_text']}: " + ", ".join(f"{final.counts[s]} {status_label(s).lower()}"
                                                        for s in shown if final.counts[s]) + ".")
    chart = Markup(_render(templates, "chart.html", layout=chart_layout(rows, shown), title="Commitments by status over time",
                           description=description))
    parts += [_render(templates, "implementation.html", part="lead", **data), "",
              "## All commitments", "", _render(templates, "implementation.html", part="table", **data), "",
              "## Status over time", "",
              _render(templates, "implementation.html", part="chart", chart=chart, snapshots=rows, chart_statuses=shown,
                      status_labels={s: status_label(s) for s in shown}, **data), "",
              "## How statuses are coded", "",
              _render(templates, "implementation.html", part="coding"), "",
              _render(templates, "implementation.html", part="vocabulary",
                      vocabulary=[(s, STATUS_LABELS[s], f"{lvl} ({LEVELS[lvl]})" if lvl is not None else
                                   "the last one reached", _MEANINGS[s]) for s, lvl in STATUSES.items()]), ""]
    return "\n".join(parts)


def _for_clause(edition: Edition, clause: Clause, linker: Linker) -> list[CommitmentView]:
    return [commitment_view(edition, c, linker) for c in commitments_for(edition, clause.ref)]


def clause_section(edition: Edition, templates: Templates | None = None) -> Callable[[Clause, Linker], str]:
    """A ``RenderContext`` clause section: the clause's commitments, current status and history."""
    def section(clause: Clause, linker: Linker) -> str:
        views = _for_clause(edition, clause, linker)
        if not views:
            return ""
        return "## Implementation\n\n" + _render(templates, "clause_section.html", commitments=views,
                                                  as_of_text=format_date(edition.commitments_as_of))
    return section


def document_block(edition: Edition, templates: Templates | None = None) -> Callable[[Clause, Linker], str]:
    """A ``RenderContext`` block section: the same, folded, inside the clause on its document page."""
    def block(clause: Clause, linker: Linker) -> str:
        views = _for_clause(edition, clause, linker)
        if not views:
            return ""
        return _render(templates, "document_block.html", commitments=views, as_of=edition.commitments_as_of,
                       as_of_text=format_date(edition.commitments_as_of))
    return block


@dataclass(frozen=True)
class _Moved:
    summary: str
    href: str
    status_label: str


def event_commitments(edition: Edition, event: Event, linker: Linker, templates: Templates | None = None) -> str:
    """On the timeline, below an event: the commitments whose status entries rest on it."""
    moved = [_Moved(c.summary, linker.to_source(IMPLEMENTATION_PAGE, commitment_anchor(c)), STATUS_LABELS[entry.status])
             for c in _ordered(edition) for entry in c.statuses if event.id in entry.events]
    return _render(templates, "event_links.html", moved=moved) if moved else ""


def print_section(edition: Edition, address: str = "", templates: Templates | None = None) -> str:
    """The print edition's table of every commitment (links point at the page's own clauses)."""
    if not edition.commitments:
        return ""
    linker = Linker("print.md", False)
    data = _page_data(edition, linker)
    return _render(templates, "print.html", address=address, **data)


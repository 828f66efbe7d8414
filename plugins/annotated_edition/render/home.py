"""Pieces for hand-written pages: a placeholder on the home page lists the newest notes."""

from __future__ import annotations

from .fragments import ref_label
from .context import RenderContext
from ..urls import Linker

__all__ = ["NEWEST_NOTES_MARKER", "render_newest_notes"]

NEWEST_NOTES_MARKER = "<!-- annotated-edition: newest-notes -->"


def render_newest_notes(context: RenderContext, from_source: str, limit: int = 5) -> str:
    """The most recent notes (by date, then title), linked to their clause pages
    (template ``newest_notes.html``)."""
    linker = Linker(from_source, context.directory_urls)
    notes = sorted(context.edition.notes, key=lambda n: (n.date, n.title), reverse=True)[:limit]
    items = [{"note": n, "href": linker.to(n.target, n.anchor), "where": ref_label(context.edition, n.target)}
             for n in notes]
    return context.templates.render("newest_notes.html", notes=items)

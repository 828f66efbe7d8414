"""Pieces for hand-written pages: a placeholder on the home page lists the newest notes."""

from __future__ import annotations

from .fragments import esc, ref_label
from .context import RenderContext
from ..urls import Linker

__all__ = ["NEWEST_NOTES_MARKER", "render_newest_notes"]

NEWEST_NOTES_MARKER = "<!-- annotated-edition: newest-notes -->"


def render_newest_notes(context: RenderContext, from_source: str, limit: int = 5) -> str:
    """The most recent notes (by date, then title), linked to their clause pages."""
    linker = Linker(from_source, context.directory_urls)
    notes = sorted(context.edition.notes, key=lambda n: (n.date, n.title), reverse=True)[:limit]
    if not notes:
        return '<p class="ae-empty">No notes yet.</p>'
    items = "\n".join(
        f'<li><a href="{esc(linker.to(n.target, n.anchor))}">{esc(n.title)}</a> '
        f'<span class="ae-newest__where">on {esc(ref_label(context.edition, n.target))}, '
        f'<time datetime="{esc(n.date)}">{esc(n.date)}</time></span></li>'
        for n in notes)
    return f'<ul class="ae-newest">\n{items}\n</ul>'

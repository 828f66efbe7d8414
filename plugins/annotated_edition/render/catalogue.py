"""The documents page: one generated page that lists every document of the edition.

A site with many documents names this one page in its navigation instead of each document:
Material renders the whole navigation into every page, so a nav entry per document would make
every page grow with the corpus and the build quadratic (see docs/benchmarks.md). This page is
the one place whose size grows with the number of documents.
"""

from __future__ import annotations

from .fragments import esc, md_heading_text
from ..model import Ref
from .context import RenderContext
from ..urls import Linker

__all__ = ["render_documents_page"]


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def render_documents_page(context: RenderContext, source_path: str, title: str = "Documents") -> str:
    """Markdown of the page at ``source_path``: a table of documents in the configured order."""
    linker = Linker(source_path, context.directory_urls)
    rows = []
    for document in context.edition.documents.values():
        notes = sum(len(context.edition.notes_for(clause.ref)) for clause in document.clauses)
        rows.append(
            f'<tr data-document="{esc(document.id)}">'
            f'<td><a href="{esc(linker.to(Ref(document.id)))}">{esc(document.short_title)}</a></td>'
            f'<td><time datetime="{esc(document.date)}">{esc(document.date)}</time></td>'
            f'<td>{_count(len(document.clauses), "clause")}</td><td>{_count(notes, "note")}</td></tr>')
    body = "\n".join(rows)
    return (f"# {md_heading_text(title)}\n\n"
            f'<table class="ae-documents">\n<thead><tr><th scope="col">Document</th><th scope="col">Date</th>'
            f'<th scope="col">Clauses</th><th scope="col">Commentary</th></tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>\n")

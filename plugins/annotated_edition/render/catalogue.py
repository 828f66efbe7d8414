"""The documents page: one generated page that lists every document of the edition.

A site with many documents names this one page in its navigation instead of each document:
Material renders the whole navigation into every page, so a nav entry per document would make
every page grow with the corpus and the build quadratic (see docs/benchmarks.md). This page is
the one place whose size grows with the number of documents.
"""

from __future__ import annotations

from ..model import Ref
from .context import RenderContext
from ..urls import Linker

__all__ = ["render_documents_page"]


def render_documents_page(context: RenderContext, source_path: str, title: str = "Documents") -> str:
    """Markdown of the page at ``source_path``: a table of documents in the configured order
    (template ``documents.md``)."""
    linker = Linker(source_path, context.directory_urls)
    rows = [{"document": document, "href": linker.to(Ref(document.id)), "clauses": len(document.clauses),
             "notes": sum(len(context.edition.notes_for(clause.ref)) for clause in document.clauses)}
            for document in context.edition.documents.values()]
    return context.templates.render("documents.md", title=title, rows=rows)

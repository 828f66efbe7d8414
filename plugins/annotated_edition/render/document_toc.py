"""A document page's table of contents: its clauses, nested by outline level.

The clause headings sit inside each clause's HTML block, where Markdown's ``toc`` extension
does not see them, so the page's contents are given as data and the adapter hands them to the
theme. Each entry links the clause's own anchor (``#point-3``), the one permalinks use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Edition, Ref
from ..urls import page_source_path

__all__ = ["TocEntry", "document_toc"]


@dataclass
class TocEntry:
    anchor: str
    title: str
    level: int  # the heading level the clause has on the page (2 for an article, 3 for its paragraphs)
    children: list[TocEntry] = field(default_factory=list)


def document_toc(edition: Edition, src_uri: str) -> list[TocEntry] | None:
    """The clauses of the document whose page is ``src_uri``, nested; None for any other page."""
    document_id = src_uri.partition("/")[0]
    document = edition.documents.get(document_id)
    if document is None or page_source_path(Ref(document_id)) != src_uri:
        return None
    entries: list[TocEntry] = []
    parents: list[TocEntry] = []
    for clause in document.clauses:
        entry = TocEntry(clause.id, clause.label, 1 + clause.level)
        while parents and parents[-1].level >= entry.level:
            parents.pop()
        (parents[-1].children if parents else entries).append(entry)
        parents.append(entry)
    return entries

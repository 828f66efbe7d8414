"""Give a document page's clauses to the theme as its table of contents (Material's right
sidebar, and the phone's menu), where the scroll spy marks the clause in view."""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..render.document_toc import TocEntry

__all__ = ["with_clauses"]


def _link(entry: TocEntry) -> AnchorLink:
    link = AnchorLink(entry.title, entry.anchor, entry.level)
    link.children = [_link(child) for child in entry.children]
    return link


def with_clauses(toc: TableOfContents, entries: list[TocEntry]) -> TableOfContents:
    """The page's own headings, with the clauses under its title (or after them, without one)."""
    links = [_link(entry) for entry in entries]
    items = list(toc)
    if items and items[0].level == 1:
        items[0].children = [*items[0].children, *links]
        return TableOfContents(items)
    return TableOfContents(items + links)

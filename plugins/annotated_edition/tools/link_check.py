"""Prove a built site's links: every internal link and fragment resolves, nothing leaves the site
except citations a reader can see.

MkDocs validates the links it finds in Markdown, but most of this edition's links are written
by the plugin as HTML, and the theme adds its own; so the finished site is checked as a reader's
browser would see it. Every ``*.html`` page is parsed with :mod:`html.parser`, and:

- each link (``a``, ``area``, ``link``) and each resource (``script``, ``img``, ``source`` …)
  that stays inside the site must name a file that exists, and its ``#fragment`` an ``id`` (or
  ``<a name>``) on that page;
- each same-page id reference (``popovertarget``, ``aria-labelledby``, ``aria-describedby``,
  ``aria-controls``, ``label for``) must name an id on the page;
- each search result (``search/search_index.json``) must lead to an existing page and anchor;
- no resource may come from the network, no URL may use ``javascript:``, ``data:`` or
  another scheme a browser would run, and a link to another site is allowed only as a visible
  citation: inside a citation (a note's sources and byline, a document's source, a note's own
  text), or anywhere when the link's text spells out its address. The online site's "Edit"
  links to the repository are counted apart; in the offline build (``offline=True``) there
  must be none.

``404.html`` is the one page a server shows at any address, so MkDocs gives it root-absolute
links; they are resolved from the site root. On every other page a root-absolute link would
break when the site is opened from disk, and is reported.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..html_links import (READER_SCHEMES, WEB_SCHEMES, CITATION_CLASSES, PageLinks, Reference,
                          check_page_html)

__all__ = ["LinkReport", "check_site", "CITATION_CLASSES", "check_page_html"]


@dataclass
class LinkReport:
    """What was checked, and every problem, as ``page: what — why`` lines."""

    pages: int = 0
    internal_links: int = 0
    fragments: int = 0
    id_references: int = 0
    external_citations: int = 0
    edit_links: int = 0
    broken: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken and not self.unsafe

    def summary(self) -> str:
        return (f"{self.pages} pages: {self.internal_links} internal links and resources "
                f"({self.fragments} with a fragment), {self.id_references} same-page id references, "
                f"{self.external_citations} external links in citations, {self.edit_links} edit links; "
                f"{len(self.broken)} broken, {len(self.unsafe)} unsafe or outside citations")

    def describe(self) -> str:
        return "\n".join([self.summary(), *(f"broken: {line}" for line in self.broken),
                          *(f"unsafe: {line}" for line in self.unsafe)])


def _address_shown(text: str, url: str) -> bool:
    """True when the link's text shows where it goes (``<https://example.org/x>`` in Markdown)."""
    bare = re.sub(r"^[a-z][a-z0-9+.-]*:(?://)?", "", url.strip(), flags=re.I).rstrip("/")
    return bool(bare) and bare.lower() in text.lower()


def _target_file(site: Path, page: str, path: str) -> str | None:
    """Site-relative path a link's path part names, or None when it leaves the site."""
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/"))
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".." or joined.startswith("../"):
        return None
    if joined == ".":
        joined = ""
    if path.endswith("/") or (site / joined).is_dir():
        joined = posixpath.join(joined, "index.html") if joined else "index.html"
    return joined


def _check_reference(site: Path, page: str, reference: Reference, pages: dict[str, PageLinks],
                     report: LinkReport, offline: bool = False) -> None:
    where = f"{page}: <{reference.tag} {reference.attribute}={reference.value!r}>"
    if reference.kind == "id":
        report.id_references += 1
        if reference.value not in pages[page].ids:
            report.broken.append(f"{where} — no element with this id on the page")
        return
    value = reference.value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        report.broken.append(f"{where} — not a valid URL")
        return
    scheme = parts.scheme.lower()
    if scheme in WEB_SCHEMES or (not scheme and parts.netloc):
        if reference.kind == "resource":
            report.unsafe.append(f"{where} — fetched from the network")
        elif reference.kind == "metadata":
            pass  # names a vocabulary (Dublin Core …); nothing is fetched, nothing is shown
        elif reference.kind == "edit":
            if offline:
                report.unsafe.append(f"{where} — an edit link, which the offline build must not have")
            else:
                report.edit_links += 1
        elif not (reference.in_citation and reference.text) and not _address_shown(reference.text, value):
            report.unsafe.append(f"{where} — a link out of the site that is not a visible citation")
        else:
            report.external_citations += 1
        return
    if scheme in READER_SCHEMES:
        if not reference.in_citation and not _address_shown(reference.text, value):
            report.unsafe.append(f"{where} — a {scheme}: link outside a citation")
        else:
            report.external_citations += 1
        return
    if scheme:
        report.unsafe.append(f"{where} — the {scheme}: scheme is not allowed")
        return
    if parts.path.startswith("/") and page != "404.html":
        report.broken.append(f"{where} — a root-absolute link does not work when the site is opened from disk")
        return
    report.internal_links += 1
    target = page if not parts.path else _target_file(site, page, unquote(parts.path))
    if target is None or not (site / target).is_file():
        report.broken.append(f"{where} — {target or parts.path} does not exist in the site")
        return
    if parts.fragment:
        report.fragments += 1
        fragment = unquote(parts.fragment)
        if target.endswith(".html") and target in pages and fragment not in pages[target].ids:
            report.broken.append(f"{where} — {target} has no element with id {fragment!r}")


def check_site(site: Path, citation_classes: frozenset[str] = CITATION_CLASSES, offline: bool = False) -> LinkReport:
    """Parse every page under ``site`` and check every link, resource and id reference.
    With ``offline``, edit links to the repository count as links out of the site too."""
    report = LinkReport()
    pages: dict[str, PageLinks] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages[relative] = check_page_html(path.read_text(encoding="utf-8"), citation_classes)
    report.pages = len(pages)
    for relative, page in pages.items():
        for reference in page.references:
            _check_reference(site, relative, reference, pages, report, offline)
    _check_search_index(site, pages, report)
    return report


def _check_search_index(site: Path, pages: dict[str, PageLinks], report: LinkReport) -> None:
    """Search results are links too: each entry's location must resolve like an ``href``."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    try:
        documents = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
    except ValueError as error:
        report.broken.append(f"search/search_index.json — not valid JSON: {error}")
        return
    for entry in documents:
        # Locations are relative to the site root, as if written on the home page.
        reference = Reference("link", "search-result", "location", entry.get("location", ""), False)
        _check_reference(site, "index.html", reference, pages, report)

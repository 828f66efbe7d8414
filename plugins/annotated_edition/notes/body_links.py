"""Links in note bodies that lead nowhere, reported at the note's file and line.

A note's relative links are written as seen from its clause page (``singapore-2018/point-3.html``),
like every link of the note's HTML. Before this check, a broken one was published and only the
link check of the built site found it, naming the built page instead of the note. Here each
relative link is followed from the clause page and looked up among the site's files, which the
caller supplies (the MkDocs build knows them; the checker lists them from the sources), so the
build and ``make check`` give the same error. ``edition:`` links are checked too.
"""

from __future__ import annotations

import difflib
import html as _html
import posixpath
import re
from typing import Callable, Collection, Iterable
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostics
from ..model import Edition, Note
from ..urls import page_source_path, page_url
from .edition_links import edition_link_problems

__all__ = ["note_link_problems", "relative_link_problems", "site_file_of"]

# The sanitizer's serializer writes attributes as name="value" (see links.py).
_HREF = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"')
_HINT = ("Link to a clause or a note with edition:document/clause (or edition:document/clause#note-slug); "
         "link to other pages of the site by their published address, as seen from the clause page.")


def site_file_of(url: str) -> str:
    """The file a site URL is served from: a folder URL (``a/``, or "") means its index.html."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def _relative_hrefs(html: str) -> list[str]:
    found = []
    for match in _HREF.finditer(html):
        href = _html.unescape(match.group(1))
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("#", "/")) or not parts.path:
            continue
        found.append(href)
    return found


def _line_of(note: Note, href: str) -> tuple[int, int]:
    index = note.body.find(href)
    if index < 0:
        index = note.body.find(href.partition("#")[0])
    if index < 0:
        return note.body_line, 1
    start = note.body.rfind("\n", 0, index) + 1
    return note.body_line + note.body.count("\n", 0, index), index - start + 1


def _nearest(wanted: str, folder: str, site_files: Collection[str]) -> str | None:
    """The site file most like the missing one, as a link from ``folder``."""
    candidates = {posixpath.relpath(path, folder or "."): path for path in site_files if path.endswith(".html")}
    stem = posixpath.splitext(wanted)[0]
    for relative in candidates:  # an .md link to a page that exists as .html
        if posixpath.splitext(relative)[0] == stem:
            return relative
    close = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def note_link_problems(edition: Edition, note_html: Callable[[Note], str], site_files: Collection[str],
                       directory_urls: bool, notes: Iterable[Note] | None = None) -> Diagnostics:
    """Errors for ``edition:`` links that name nothing and relative links to no file of the site.
    Relative links are followed in ``notes`` only when given (the checker converts only the
    notes under its paths); ``edition:`` links need no conversion and are checked in every note."""
    problems = edition_link_problems(edition)
    problems.extend(relative_link_problems(note_html, site_files, directory_urls,
                                           edition.notes if notes is None else notes))
    return problems


def relative_link_problems(note_html: Callable[[Note], str], site_files: Collection[str], directory_urls: bool,
                           notes: Iterable[Note]) -> Diagnostics:
    """Errors for the relative links of ``notes`` that lead to no file of the site, note by
    note in the order given (the part of :func:`note_link_problems` that needs the HTML)."""
    problems = Diagnostics()
    for note in notes:
        html = note_html(note)
        if "href=" not in html:
            continue
        clause_page = page_url(page_source_path(note.target), directory_urls)
        folder = clause_page.rstrip("/") if clause_page.endswith("/") else posixpath.dirname(clause_page)
        for href in _relative_hrefs(html):
            path = unquote(urlsplit(href).path)
            target = posixpath.normpath(posixpath.join(folder or ".", path))
            target = "" if target == "." else target + ("/" if path.endswith("/") else "")
            if not target.startswith("..") and site_file_of(target) in site_files:
                continue
            line, column = _line_of(note, href)
            nearest = _nearest(path, folder, site_files)
            problems.error(note.path, line, column,
                           f"the link '{href}' in note '{note.slug}' leads to no page or file of the site "
                           f"(followed from the clause page {clause_page})",
                           (f"Did you mean: {nearest}?\n" if nearest else "") + _HINT)
    return problems

"""Keep a note's own links working wherever its HTML is shown, and find the ones that lead nowhere.

A note's HTML is written once, as seen from its clause page (``singapore-2018/point-3.html``):
in-note links are fragments (``#note-<slug>-fn:1``) and links to other pages are relative to the
document's folder. Shown elsewhere, the links must follow: in a popover on the statement page
the note's footnotes are not on the page, so fragments point to the clause page; on the print
page, at the site's root, relative links gain the document's folder.

The HTML handled here is the sanitizer's output, whose serializer always writes attributes as
``name="value"``; the patterns below rely on that and on nothing else.
"""

from __future__ import annotations

import posixpath
import re

from ..html_links import check_page_html
from .fragment_scan import fragment_links_and_ids

__all__ = ["point_fragments_to", "rebase_relative_links", "unresolved_fragments"]

_FRAGMENT_HREF = re.compile(r'href="#([^"]+)"')
_RELATIVE_HREF = re.compile(r'href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"]+)"')


def point_fragments_to(html: str, page: str) -> str:
    """In-note fragment links (``#note-…``) lead to ``page#note-…`` instead."""
    return _FRAGMENT_HREF.sub(lambda match: f'href="{page}#{match.group(1)}"', html)


def rebase_relative_links(html: str, from_folder: str, to_folder: str = "") -> str:
    """Relative links written from ``from_folder`` (a site path such as ``singapore-2018``),
    rewritten to work from ``to_folder`` ("" for the site's root)."""
    def rebase(match: re.Match[str]) -> str:
        path, hash_sign, fragment = match.group(1).partition("#")
        if not path:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(from_folder, path))
        relative = posixpath.relpath(target, to_folder or ".")
        if path.endswith("/") and not relative.endswith("/"):  # a folder (directory URL) stays one
            relative = "./" if relative == "." else relative + "/"
        return f'href="{relative}{hash_sign}{fragment}"'
    return _RELATIVE_HREF.sub(rebase, html)


def unresolved_fragments(html: str) -> list[str]:
    """Fragment links of a note that match no id of the note (a heading or a footnote)."""
    scanned = fragment_links_and_ids(html)
    if scanned is None:  # markup the scan does not read: the link checker's parser does
        page = check_page_html(html)
        scanned = [reference.value for reference in page.references if reference.kind == "link"], page.ids
    links, ids = scanned
    return [link for link in links if link.startswith("#") and len(link) > 1 and link[1:] not in ids]

"""A note's fragment links and ids read without an HTML parser, when its HTML allows.

Finding the in-note links that lead nowhere (``links.unresolved_fragments``) runs twice per
note on a build without the store of results: on the converted body and on the published HTML.
``html.parser`` spends most of that time on work the answer does not need. The sanitizer's
serializer writes every tag the same plain way, so a note's HTML is nearly always made only of
tags this module reads exactly as the parser does; when it holds anything else (a comment, a
single-quoted or spread attribute, a script, an ``<a>`` inside an ``<a>``, a stray ``<``), it
answers None and the caller asks the parser. A property test holds the two equal.
"""

from __future__ import annotations

import html
import re

from ..html_links import EDIT_LINK_CLASSES

__all__ = ["fragment_links_and_ids"]

_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[ \n]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*"|=[^\s"'<>=`/]+)?)*)[ \n]*(/?)>""")
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"<]*)"|=([^\s"'<>=`/]+))?""")
# Elements whose content the parser reads as text, not tags.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"})


def fragment_links_and_ids(note_html: str) -> tuple[list[str], set[str]] | None:
    """The ``href`` of every link (``<a>``, ``<area>``; not an edit link) in the order the link
    checker lists them, and every id (``id``, ``name`` on ``<a>``), as ``html_links`` reads them;
    None when the HTML holds markup this module does not read exactly as the parser does."""
    links: list[str] = []
    ids: set[str] = set()
    open_link: str | None = None
    in_link = False
    # Every tag at once. A tag holds exactly one "<" (its first character), so when there are
    # as many tags as "<", each "<" opens one and no text between them holds a stray "<".
    tags = _TAG.findall(note_html)
    if len(tags) != note_html.count("<"):
        return None
    for closing, name, attributes_text, self_closing in tags:
        name = name.lower()
        if name in _RAW_TEXT or (closing and (attributes_text or self_closing)):
            return None
        if closing:
            if name == "a" and in_link:
                if open_link is not None:
                    links.append(open_link)
                open_link, in_link = None, False
        else:
            # Most tags carry neither ids nor links: their attributes need no reading.
            wanted = attributes_text and (name in ("a", "area") or "id" in attributes_text.lower())
            attributes = _attributes(attributes_text) if wanted else {}
            if "id" in attributes:
                ids.add(attributes["id"])
            if name == "a" and "name" in attributes:
                ids.add(attributes["name"])
            if name in ("a", "area") and "href" in attributes:
                if name == "a" and (in_link or self_closing):
                    return None  # nested or self-closed links: the parser's order is subtle
                edit = bool(set(attributes.get("class", "").split()) & EDIT_LINK_CLASSES)
                if name == "area":
                    if not edit:
                        links.append(attributes["href"])
                else:
                    open_link, in_link = (None if edit else attributes["href"]), True
    if in_link:
        return None  # an unclosed link: listed at the end by the parser
    return links, ids


def _attributes(text: str) -> dict[str, str]:
    """Attributes as the link checker sees them: names lower-cased, values unescaped, a bare
    attribute empty, the last of repeated names kept."""
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        attributes[match.group(1).lower()] = html.unescape(value) if value else ""
    return attributes

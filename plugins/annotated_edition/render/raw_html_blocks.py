"""Find the blocks of a generated page's Markdown that Python-Markdown would keep as raw HTML,
without its HTML parser.

A generated page is mostly HTML the engine has already written (notes converted and
sanitized, templates autoescaped), between a few Markdown headings. Converting the page,
Python-Markdown feeds all of it to ``html.parser`` twice (``md_in_html`` to find where each raw
block ends, MkDocs to collect its ``id`` attributes) only to put it back unchanged: most of a
generated page's conversion time. The adapter (``adapter/raw_html_stash.py``) hands it the
blocks found here already stored, and the ids found here to MkDocs.

Only markup this module fully understands is taken, so that a block taken here is exactly a
block Python-Markdown would keep raw, with the same text: a line at the start of the page or
after a blank line opens it with a block-level tag; every ``<`` in it begins a start or end tag
with double-quoted or bare attributes, tags nest strictly, and every ``&`` begins a character
reference; it ends with the end tag of its first element at the end of a line, followed by a
blank line and more text. At the first line that is anything else and holds a ``<`` (a comment,
a ``markdown`` attribute, a script, unbalanced tags, a fenced block…), the search stops and the
rest of the page is left to Python-Markdown as it is. A test holds the conversion equal with and
without these blocks, on every page of the real site and of a synthetic corpus.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["RawBlock", "find_raw_blocks"]

# A start tag: name, then attributes with a double-quoted value, a bare value or none. (Python's
# parser also takes single quotes, and Python-Markdown refuses a backtick in names and bare
# values; neither is taken here, so a tag with them stops the search.)
_START_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:[ \n]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*"|=[^\s"'<>=`/]+)?)*)[ \n]*(/?)>""")
_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)>")
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"<]*)"|=([^\s"'<>=`/]+))?""")
_AMPERSAND = re.compile(r"&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)")
_FIRST_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)[ \n>/]")
# Elements without end tags, as Python-Markdown's parser knows them.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
# Elements whose content the parser does not read as markup (or reads differently in newer
# Pythons): never taken.
_REFUSED = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                      "noscript", "plaintext"})


@dataclass(frozen=True)
class RawBlock:
    """Lines ``first`` to ``last`` (inclusive) of a page hold one raw HTML block; ``ids`` are the
    anchors it defines (``id`` attributes, and ``name`` on ``<a>``), as MkDocs collects them."""

    first: int
    last: int
    ids: frozenset[str]


def find_raw_blocks(lines: Sequence[str], is_block_level: Callable[[str], bool]) -> list[RawBlock]:
    """The raw HTML blocks of ``lines`` (a page after Python-Markdown's whitespace
    normalization), in order, up to the first line this module does not understand."""
    blocks: list[RawBlock] = []
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        if "<" not in line and not line.startswith(("```", "~~~")):
            index += 1  # Markdown text or a blank line: Python-Markdown keeps no raw HTML there
            continue
        block = _block_at(lines, index, is_block_level)
        if block is None:
            break
        blocks.append(block)
        index = block.last + 1
    return blocks


def _block_at(lines: Sequence[str], first: int, is_block_level: Callable[[str], bool]) -> RawBlock | None:
    """The raw block that opens at line ``first``, or None if it is not one this module takes."""
    if first > 0 and lines[first - 1] != "":
        return None
    opening = _FIRST_TAG.match(lines[first])
    if opening is None:
        return None
    name = opening.group(1).lower()
    if name in _REFUSED or name in _VOID or not is_block_level(name):
        return None
    open_elements: list[str] = []
    ids: set[str] = set()
    for last in range(first, len(lines)):
        line = lines[last]
        if _AMPERSAND.search(line):
            return None
        position = line.find("<")
        while position != -1:
            start = _START_TAG.match(line, position)
            if start is not None:
                tag, attributes = start.group(1).lower(), start.group(2)
                lowered = attributes.lower()
                # ``markdown="1"`` asks md_in_html to convert the element's content.
                if tag in _REFUSED or "markdown" in lowered:
                    return None
                if "id" in lowered or "name" in lowered:
                    _collect_ids(tag, attributes, ids)
                if tag not in _VOID and not start.group(3):
                    open_elements.append(tag)
                end = start.end()
            else:
                closing = _END_TAG.match(line, position)
                if closing is None or not open_elements or open_elements[-1] != closing.group(1).lower():
                    return None
                open_elements.pop()
                end = closing.end()
                if not open_elements:
                    # The first element closed: it must end the line, and a blank line and
                    # more text must follow, as Python-Markdown ends a raw block.
                    if end != len(line) or last + 2 >= len(lines) or lines[last + 1] != "":
                        return None
                    return RawBlock(first, last, frozenset(ids))
            position = line.find("<", end)
        if not open_elements:
            return None  # the line held no tag at all
    return None


def _collect_ids(tag: str, attributes: str, ids: set[str]) -> None:
    for match in _ATTRIBUTE.finditer(attributes):
        attribute = match.group(1).lower()
        if attribute == "id" or (attribute == "name" and tag == "a"):
            value = match.group(2) if match.group(2) is not None else match.group(3)
            if value is not None:
                ids.add(html.unescape(value))

"""Hand Python-Markdown the raw HTML blocks of a generated page already stored, so that MkDocs
does not parse the engine's HTML again (``render/raw_html_blocks.py`` says why and which).

MkDocs builds a Markdown converter for every page from ``markdown_extensions``; this extension
is one of them. It does nothing unless armed, and the plugin arms it with the generated page's
Markdown (``on_page_markdown``, the text MkDocs converts next); it acts on the first conversion
after that, and only if that conversion is of that very text (as Python-Markdown's whitespace
normalization leaves it), so another plugin converting Markdown in between, or changing the
page after the plugin, costs this page the saving and nothing else. Its preprocessor runs after
Python-Markdown's whitespace normalization (priority 30) and before MkDocs' collection of ids
from raw HTML (21) and ``md_in_html``'s extraction of raw blocks (20), and stores each block as
``md_in_html`` would; the ids the blocks define are handed back (``on_page_content``) to the
page's ``present_anchor_ids``, where MkDocs' anchor validation looks for them.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.util import ETX, STX

from ..render.raw_html_blocks import find_raw_blocks

__all__ = ["RawHtmlStash"]

_PRIORITY = 25  # after normalize_whitespace (30), before mkdocs_raw_html (21) and html_block (20)


class RawHtmlStash(Extension):
    """Armed for one page at a time; collects the ids of the blocks it stored."""

    def __init__(self) -> None:
        super().__init__()
        self.page_markdown: str | None = None
        self.ids: set[str] = set()
        self.stored_blocks = 0

    def arm(self, page_markdown: str) -> None:
        """The next conversion should be of ``page_markdown``, a generated page's."""
        self.page_markdown, self.ids = page_markdown, set()

    def disarm(self) -> set[str]:
        """End of that page: the anchors its stored blocks define."""
        ids, self.page_markdown, self.ids = self.ids, None, set()
        return ids

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_StashPreprocessor(md, self), "annotated_edition_raw_html", _PRIORITY)


class _StashPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, owner: RawHtmlStash) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, lines: list[str]) -> list[str]:
        page_markdown = self.owner.page_markdown
        if page_markdown is None:
            return lines
        self.owner.page_markdown = None  # one conversion only
        if "\n".join(lines) != _normalized(page_markdown, self.md.tab_length):
            return lines  # not the page's text: leave it to Python-Markdown as it is
        blocks = find_raw_blocks(lines, self.md.is_block_level)
        if not blocks:
            return lines
        result: list[str] = []
        done = 0
        for block in blocks:
            result += lines[done:block.first]
            # What md_in_html leaves: the block, with the newline before the blank line after
            # it, stored; one more blank line before its placeholder and two after.
            text = "\n".join(lines[block.first:block.last + 1]) + "\n"
            result += ["", self.md.htmlStash.store(text), "", ""]
            self.owner.ids |= block.ids
            done = block.last + 1
        self.owner.stored_blocks += len(blocks)
        return result + lines[done:]


def _normalized(text: str, tab_length: int) -> str:
    """``text`` as Python-Markdown's ``normalize_whitespace`` preprocessor hands it on (joined):
    to recognize the page's own conversion. Were the two ever to differ, the page would only
    lose the saving."""
    text = text.replace(STX, "").replace(ETX, "").replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
    return re.sub(r"(?<=\n) +\n", "\n", text.expandtabs(tab_length))

"""Python-Markdown's work that cannot change a note, known from its text, and skipped.

Python-Markdown tries every block processor on every block and every inline pattern on every
run of text, in priority order: most find nothing, because what they look for (a ``#`` for a
heading, a ``|`` for a table, a backtick for code, ``<`` for raw HTML) is nowhere in the note.
That was about half the time of converting a typical note. So, before each note,
:class:`MarkdownTriggers` hands the parser only the block processors, and the inline
processor only the patterns, whose trigger occurs in the note's Markdown; the others cannot
act, and leaving them out changes nothing but the time. The table of contents, which only
gives headings their ids (and replaces a ``[TOC]`` marker), is skipped for a note with neither.

Why it is safe: every block and every run of text the processors see is a piece of the note's
own Markdown, with tabs expanded to spaces, lines cut and indentation removed (so triggers
made of spaces count a tab as one too), or a placeholder Python-Markdown made, which holds
only letters, digits, colons and the control characters STX and ETX. A trigger absent from the
note is therefore absent from every piece. Each trigger below is a substring without which the
processor's test, or its regular expression, cannot succeed (a block processor whose test
passes but whose ``run`` declines is the same as one not tried). Processors this table does
not know (another extension's, or a built-in one whose class has changed) are always tried;
the property tests in tests/unit/test_markdown_triggers.py compare the output with and without.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["MarkdownTriggers", "INLINE_TRIGGERS", "BLOCK_TRIGGERS"]

_INLINE = "markdown.inlinepatterns."
_BLOCK = "markdown.blockprocessors."
_INDENT = ("    ", "\t")  # four spaces (the tab length), or a tab that expands to them

# Name → (the class registered under it, the substrings one of which it needs).
INLINE_TRIGGERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "backtick": (_INLINE + "BacktickInlineProcessor", ("`",)),
    "escape": (_INLINE + "EscapeInlineProcessor", ("\\",)),
    "footnote": ("markdown.extensions.footnotes.FootnoteInlineProcessor", ("[^",)),
    "reference": (_INLINE + "ReferenceInlineProcessor", ("[",)),
    "link": (_INLINE + "LinkInlineProcessor", ("[",)),
    "image_link": (_INLINE + "ImageInlineProcessor", ("![",)),
    "image_reference": (_INLINE + "ImageReferenceInlineProcessor", ("![",)),
    "short_reference": (_INLINE + "ShortReferenceInlineProcessor", ("[",)),
    "short_image_ref": (_INLINE + "ShortImageReferenceInlineProcessor", ("![",)),
    "autolink": (_INLINE + "AutolinkInlineProcessor", ("<",)),
    "automail": (_INLINE + "AutomailInlineProcessor", ("<",)),
    "html": (_INLINE + "HtmlInlineProcessor", ("<",)),
    "entity": (_INLINE + "HtmlInlineProcessor", ("&",)),
    "em_strong": (_INLINE + "DelimiterProcessor", ("*", "_")),
    "em_strong2": (_INLINE + "UnderscoreProcessor", ("_",)),
    # "linebreak" (two spaces before a line's end) is left out on purpose: tabs expanded to
    # spaces could make one where the note's text has none, so it is always tried.
}

BLOCK_TRIGGERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "indent": (_BLOCK + "ListIndentProcessor", _INDENT),
    "defindent": ("markdown.extensions.def_list.DefListIndentProcessor", _INDENT),
    "code": (_BLOCK + "CodeBlockProcessor", _INDENT),
    "table": ("markdown.extensions.tables.TableProcessor", ("|",)),
    "hashheader": (_BLOCK + "HashHeaderProcessor", ("#",)),
    "setextheader": (_BLOCK + "SetextHeaderProcessor", ("=", "-")),
    "hr": (_BLOCK + "HRProcessor", ("-", "_", "*")),
    "ulist": ("markdown.extensions.sane_lists.SaneUListProcessor", ("*", "+", "-")),
    "deflist": ("markdown.extensions.def_list.DefListProcessor", (":",)),
    "quote": (_BLOCK + "BlockQuoteProcessor", (">",)),
    "footnote": ("markdown.extensions.footnotes.FootnoteBlockProcessor", ("[^",)),
    "reference": (_BLOCK + "ReferenceProcessor", ("]:",)),
    # "empty", "olist" (a digit and a full stop: nearly every note) and "paragraph" are always tried.
}

_TOC = "markdown.extensions.toc.TocTreeprocessor"


def _class_name(processor: object) -> str:
    kind = type(processor)
    return f"{kind.__module__}.{kind.__qualname__}"


class _Narrowed:
    """The items of one registry, in the order they are tried, each with its triggers (None:
    always tried); which of them can act on a text, remembered by which triggers it holds."""

    def __init__(self, registry: Any, triggers: dict[str, tuple[str, tuple[str, ...]]]) -> None:
        # Iterating a registry gives its items by priority; names are looked up to match them.
        names = {id(registry[name]): name for name in triggers if name in registry}
        self.items: list[tuple[Any, tuple[str, ...] | None]] = []
        for item in registry:
            known = triggers.get(names.get(id(item), ""))
            self.items.append((item, known[1] if known is not None and known[0] == _class_name(item) else None))
        self._chosen: dict[tuple[bool, ...], list[Any]] = {}

    def for_text(self, text: str) -> list[Any]:
        present = tuple(triggers is None or any(trigger in text for trigger in triggers)
                        for _item, triggers in self.items)
        chosen = self._chosen.get(present)
        if chosen is None:
            chosen = [item for (item, _triggers), kept in zip(self.items, present) if kept]
            self._chosen[present] = chosen
        return chosen

    def always_tried(self) -> list[str]:
        return [_class_name(item) for item, triggers in self.items if triggers is None]


class _TableOfContentsIfHeadings:
    """Runs the table of contents' tree processor (in its place: its ``run``) only on a note that
    has a heading or holds the marker, the only notes whose HTML it changes."""

    def __init__(self, toc: Any) -> None:
        self.run_toc = toc.run
        self.marker: str = getattr(toc, "marker", "") or ""
        self.text = ""
        toc.run = self.run

    def run(self, root: Any) -> Any:
        if (self.marker and self.marker in self.text) or any(
                isinstance(element.tag, str) and len(element.tag) == 2 and element.tag[0] in "hH"
                and element.tag[1] in "123456" for element in root.iter()):
            return self.run_toc(root)
        return None


class MarkdownTriggers:
    """For one Markdown instance (built once per converter, after its extensions are loaded):
    :meth:`narrow_to` is called before each conversion. Where the instance is not laid out as
    this was written for, that part stays off and everything is tried, as without it."""

    def __init__(self, md: Any) -> None:
        self._parser = md.parser
        self._blocks = _Narrowed(md.parser.blockprocessors, BLOCK_TRIGGERS)
        processor = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None
        self._inline_processor = processor if getattr(processor, "inlinePatterns", None) is md.inlinePatterns else None
        self._inline = _Narrowed(md.inlinePatterns, INLINE_TRIGGERS)
        self._toc: _TableOfContentsIfHeadings | None = None
        if "toc" in md.treeprocessors and _class_name(md.treeprocessors["toc"]) == _TOC:
            self._toc = _TableOfContentsIfHeadings(md.treeprocessors["toc"])

    @property
    def inline_active(self) -> bool:
        return self._inline_processor is not None

    def always_tried(self) -> list[str]:
        """The classes of the block processors and inline patterns tried on every text."""
        return self._blocks.always_tried() + self._inline.always_tried()

    def inline_patterns_for(self, text: str) -> Sequence[Any]:
        """The inline patterns, in the order they are tried, that can match somewhere in ``text``."""
        return self._inline.for_text(text)

    def block_processors_for(self, text: str) -> Sequence[Any]:
        """The block processors, in the order they are tried, that can act on some block of ``text``."""
        return self._blocks.for_text(text)

    def narrow_to(self, text: str) -> None:
        """Before converting ``text``: only what can act on it is tried."""
        self._parser.blockprocessors = self._blocks.for_text(text)
        if self._inline_processor is not None:
            self._inline_processor.inlinePatterns = self._inline.for_text(text)
        if self._toc is not None:
            self._toc.text = text

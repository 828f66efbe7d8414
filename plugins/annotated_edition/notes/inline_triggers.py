"""Which of Python-Markdown's inline patterns can match anywhere in a note, known from its text.

Python-Markdown tries every inline pattern, in priority order, on every run of text of every
block: fifteen regular-expression searches and as many Python calls, most of which find
nothing because the character a pattern starts with is nowhere in the note (a code span needs
a backtick, an entity an ampersand, raw HTML a ``<``). That was a third of the time of
converting a typical note. So, before each note, the inline processor is handed only the
patterns whose trigger occurs in the note's Markdown; the others cannot match, and leaving
them out changes nothing but the time.

Why it is safe: every run of text the inline processor sees is a piece of the note's own
Markdown (block processors cut and dedent lines but write no characters of their own), or a
placeholder Python-Markdown made, which holds only letters, digits, colons and the control
characters STX and ETX. A trigger absent from the body is therefore absent from every run of
text. Each trigger below is a substring that the pattern's regular expression cannot match
without. Patterns this table does not know (another extension's, or a built-in one whose
class has changed) are always kept; the property tests in tests/unit/test_inline_triggers.py
compare the output with and without the filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["InlinePatternFilter", "TRIGGERS"]

# Pattern name → (the class registered under it, the substrings one of which it needs).
TRIGGERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "backtick": ("markdown.inlinepatterns.BacktickInlineProcessor", ("`",)),
    "escape": ("markdown.inlinepatterns.EscapeInlineProcessor", ("\\",)),
    "footnote": ("markdown.extensions.footnotes.FootnoteInlineProcessor", ("[^",)),
    "reference": ("markdown.inlinepatterns.ReferenceInlineProcessor", ("[",)),
    "link": ("markdown.inlinepatterns.LinkInlineProcessor", ("[",)),
    "image_link": ("markdown.inlinepatterns.ImageInlineProcessor", ("![",)),
    "image_reference": ("markdown.inlinepatterns.ImageReferenceInlineProcessor", ("![",)),
    "short_reference": ("markdown.inlinepatterns.ShortReferenceInlineProcessor", ("[",)),
    "short_image_ref": ("markdown.inlinepatterns.ShortImageReferenceInlineProcessor", ("![",)),
    "autolink": ("markdown.inlinepatterns.AutolinkInlineProcessor", ("<",)),
    "automail": ("markdown.inlinepatterns.AutomailInlineProcessor", ("<",)),
    "html": ("markdown.inlinepatterns.HtmlInlineProcessor", ("<",)),
    "entity": ("markdown.inlinepatterns.HtmlInlineProcessor", ("&",)),
    "em_strong": ("markdown.inlinepatterns.DelimiterProcessor", ("*", "_")),
    "em_strong2": ("markdown.inlinepatterns.UnderscoreProcessor", ("_",)),
    # "linebreak" (two spaces before a line's end) is left out on purpose: tabs expanded to
    # spaces could make one where the note's text has none, so it is always tried.
}


def _class_name(pattern: object) -> str:
    kind = type(pattern)
    return f"{kind.__module__}.{kind.__qualname__}"


class InlinePatternFilter:
    """Hands a Markdown instance's inline processor, for each text, the patterns that can match it.

    Built once per converter, after its extensions are loaded. :meth:`narrow_to` is called
    before each conversion; when the inline processor is not the one this was written for,
    the filter stays off and every pattern is tried, as without it."""

    def __init__(self, md: Any) -> None:
        self._registry = md.inlinePatterns
        processor = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None
        self._processor = processor if getattr(processor, "inlinePatterns", None) is self._registry else None
        # In the order the processor tries them (iterating a registry gives its items by
        # priority), each with its triggers (None: always tried).
        names = {id(self._registry[name]): name for name in TRIGGERS if name in self._registry}
        self._patterns: list[tuple[Any, tuple[str, ...] | None]] = []
        for pattern in self._registry:
            known = TRIGGERS.get(names.get(id(pattern), ""))
            triggers = known[1] if known is not None and known[0] == _class_name(pattern) else None
            self._patterns.append((pattern, triggers))
        self._chosen: dict[tuple[bool, ...], list[Any]] = {}

    @property
    def active(self) -> bool:
        return self._processor is not None

    @property
    def always_tried(self) -> list[str]:
        """The classes of the patterns tried on every text, whatever it holds."""
        return [_class_name(pattern) for pattern, triggers in self._patterns if triggers is None]

    def patterns_for(self, text: str) -> Sequence[Any]:
        """The inline patterns, in the order they are tried, that can match somewhere in ``text``."""
        present = tuple(triggers is None or any(trigger in text for trigger in triggers)
                        for _pattern, triggers in self._patterns)
        chosen = self._chosen.get(present)
        if chosen is None:
            chosen = [pattern for (pattern, _triggers), kept in zip(self._patterns, present) if kept]
            self._chosen[present] = chosen
        return chosen

    def narrow_to(self, text: str) -> None:
        """Before converting ``text``: only the patterns that can match it are tried."""
        if self._processor is not None:
            self._processor.inlinePatterns = self.patterns_for(text)

"""The in-note fragment links that lead nowhere, remembered across runs by the HTML they were
found in (see :mod:`..stored_results`).

Finding them parses the note's published HTML (its body with citation links, and its source
list) with the link checker's parser: about half a millisecond per note, on every build and
every check, for an answer that only changes when the HTML does. The answer is a pure function
of the HTML text and of the parsing code, which are its key.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..stored_results import ResultStore, code_version, result_key
from .links import unresolved_fragments

__all__ = ["UnresolvedLinks", "unresolved_key"]

_STEP = "unresolved-fragments"
# The code the answer depends on: the parser and the filter over what it finds.
_MODULES = ("html_links.py", "notes/links.py", "notes/fragment_scan.py", "notes/unresolved_memo.py")


def unresolved_key(html: str, engine: str | None = None) -> str:
    """The key of the answer for ``html``: its text and the code that answers (``engine``
    stands for that code in tests)."""
    return result_key(_STEP, engine if engine is not None else code_version(*_MODULES), html)


def _valid(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


class UnresolvedLinks:
    """``unresolved_fragments(html)`` from the store, else computed (and stored). Nothing is
    held in memory: each note's HTML is asked about once per run."""

    def __init__(self, store: ResultStore | None = None) -> None:
        self.store = store
        self.computed = 0

    def answers(self, htmls: Sequence[str]) -> list[tuple[str, ...]]:
        """The answer for each HTML of ``htmls``, in order: one read of the store for all, one
        write of what was missing."""
        keys = [unresolved_key(html) for html in htmls] if self.store is not None else []
        stored = self.store.get_many(keys) if self.store is not None else {}
        found: list[tuple[str, ...]] = []
        new: dict[str, list[str]] = {}
        for index, html in enumerate(htmls):
            value = stored.get(keys[index]) if keys else None
            if not _valid(value):
                value = unresolved_fragments(html)
                self.computed += 1
                if keys:
                    new[keys[index]] = value
            found.append(tuple(value))  # type: ignore[arg-type]
        if self.store is not None and new:
            self.store.put_many(new)
        return found

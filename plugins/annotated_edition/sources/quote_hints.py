"""Explain why a quote that looks right is "not found": invisible and look-alike characters.

A quote copied from a web page or a word processor often carries characters the eye cannot
tell from the text's own: a non-breaking space for a space, a zero-width space, a soft hyphen,
a straight apostrophe for the statement's curly one. Anchoring stays exact (the text is never
normalized), but the error says which character is at fault and where, and shows the words of
the clause the quote would match once that character is fixed.
"""

from __future__ import annotations

import unicodedata

__all__ = ["explain_quote_miss", "describe_char", "SUSPECT_CHARACTERS"]

# Characters that are invisible, or look like an ordinary one, and what each stands in for
# ("" when it stands for nothing at all).
SUSPECT_CHARACTERS: dict[str, str] = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\t": " ", "\r": "", "\n": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\u00ad": "",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
}


# Control characters have no name in the Unicode database, only these aliases.
_CONTROL_NAMES = {"\t": "CHARACTER TABULATION", "\n": "LINE FEED", "\r": "CARRIAGE RETURN"}


def describe_char(char: str) -> str:
    """``U+00A0 NO-BREAK SPACE``: the code point and its Unicode name."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


def _folded(text: str) -> tuple[str, list[int]]:
    """The text with suspect characters replaced and spaces collapsed, and for each folded
    character the index in ``text`` it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        replacement = SUSPECT_CHARACTERS.get(char, char)
        if not replacement:
            continue
        if replacement == " " and out and out[-1] == " ":
            continue
        out.append(replacement)
        origin.append(index)
    return "".join(out), origin


def _invisible_or_lookalike(quote: str, clause_text: str) -> list[str]:
    """One line per suspect character in the quote that the clause text does not use."""
    lines = []
    for index, char in enumerate(quote):
        if char in SUSPECT_CHARACTERS and char not in clause_text:
            before = quote[max(0, index - 15):index]
            lines.append(f"The quote contains {describe_char(char)} at character {index + 1}, "
                         f"after {before!r}; the clause text has none.")
    return lines


def explain_quote_miss(quote: str, clause_text: str) -> str:
    """Hint lines for a quote that is not in the clause text, or "" when nothing stands out."""
    lines = _invisible_or_lookalike(quote, clause_text)
    folded_text, origin = _folded(clause_text)
    folded_quote, _ = _folded(quote)
    position = folded_text.find(folded_quote.strip()) if folded_quote.strip() else -1
    if position >= 0:
        start = origin[position]
        end = origin[position + len(folded_quote.strip()) - 1] + 1
        exact = clause_text[start:end]
        differing = sorted({c for c in exact if c in SUSPECT_CHARACTERS and c not in quote})
        if differing:
            lines.append("The clause text uses " + ", ".join(describe_char(c) for c in differing)
                         + " where the quote does not.")
        lines.append(f"Ignoring invisible and look-alike characters, the quote matches: {exact!r}. "
                     "Copy it exactly from the clause text.")
    return "\n".join(lines)

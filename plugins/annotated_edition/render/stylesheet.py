"""The site's one stylesheet: the parts of assets/ joined, without comments or layout whitespace.

Every page waits for it before its first paint (it is render-blocking), so each byte counts on
a slow phone connection. The compaction is deliberately small and safe: comments go, runs of
whitespace become one space, and the space beside ``{ } ;`` and a ``;`` before ``}`` go.
Quoted strings are kept as they are. A browser test holds the compacted sheet's rules equal to
the original's, as Chromium parses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["compact_css", "join_stylesheet"]

# A quoted string, a comment, a run of whitespace, or anything else up to the next of those (a
# quote that opens no string on its line is kept as it is).
_TOKEN = re.compile(r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|(/\*.*?\*/)|(\s+)|([^"'/\s]+|/|["'])""", re.S)
# Not around "," : inside var() the space after it belongs to the fallback value.
_AROUND_PUNCTUATION = re.compile(r" ?([{};]) ?")
_BEFORE_CLOSE = re.compile(r";+}")


def _compact_between_strings(text: str) -> str:
    return _BEFORE_CLOSE.sub("}", _AROUND_PUNCTUATION.sub(r"\1", re.sub(r"  +", " ", text)))


def compact_css(css: str) -> str:
    """``css`` without comments and layout whitespace; strings untouched."""
    pieces: list[str] = []
    plain: list[str] = []  # text outside strings since the last string
    for string, comment, space, other in _TOKEN.findall(css):
        if string:
            pieces.append(_compact_between_strings("".join(plain)))
            plain = []
            pieces.append(string)
        elif comment:
            continue  # a comment is nothing in CSS, not even a space
        elif space:
            plain.append(" ")
        else:
            plain.append(other)
    pieces.append(_compact_between_strings("".join(plain)))
    return "".join(pieces).strip() + "\n"


def join_stylesheet(parts: Iterable[str]) -> str:
    """The parts, in order, as one compacted stylesheet."""
    return compact_css("\n".join(parts))

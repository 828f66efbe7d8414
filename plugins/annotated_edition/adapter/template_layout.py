"""The theme's templates without their indentation, so the pages they make carry none.

Material's templates are indented for their authors; rendered, that indentation is several
kilobytes of spaces on every page (about 6 KB of the statement page), which a phone on a slow
connection downloads before its first paint. This Jinja extension removes the spaces and tabs
that begin a line of a template's source once, when the template is compiled: it costs nothing
per page, and the line break before them stays, so no two words or tags ever run together. A
template holding a ``<pre>`` or ``<textarea>`` (whose white space is kept as written) is left
as it is. Only the theme's environment gets it; pages' own content is not touched.
"""

from __future__ import annotations

import re

from jinja2.ext import Extension

__all__ = ["TemplateLayout"]

_WHITESPACE_KEPT = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)
_INDENTATION = re.compile(r"\n[ \t]+")


def without_indentation(source: str) -> str:
    """A template's source with each line's leading spaces and tabs removed (unless it holds
    an element whose white space is kept)."""
    if _WHITESPACE_KEPT.search(source):
        return source
    return _INDENTATION.sub("\n", source)


class TemplateLayout(Extension):
    """Jinja extension: :func:`without_indentation` on every template the environment compiles."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return without_indentation(source)

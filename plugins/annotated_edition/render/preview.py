"""What the live preview (``mkdocs serve``) shows while the edition has problems.

A published build refuses any problem. A preview is for fixing them: it keeps serving, leaves
out whatever failed to load (or keeps the last edition that loaded, when a text or structure
file is what broke), and puts the same ``path:line:column: error: …`` lines that the
terminal and ``make check`` print at the top of every page, so the browser tells the
contributor what the terminal says. The banner disappears on the first rebuild without problems.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from .fragments import esc

__all__ = ["problems_banner", "PREVIEW_NOTICE"]

PREVIEW_NOTICE = ("the preview leaves out what is broken (or, for a broken text or structure file, keeps the "
                  "last version that loaded) and lists the problems at the top of every page; "
                  "it rebuilds when you save a fix")


def problems_banner(diagnostics: Diagnostics, root: Path | None) -> str:
    """A raw-HTML block for the top of a page. Kept on one source line (newlines as ``&#10;``)
    so that blank lines in a clause's text cannot end the HTML block inside Markdown."""
    count = len(diagnostics)
    noun = "problem" if count == 1 else "problems"
    listing = esc(diagnostics.format(root)).replace("\n", "&#10;")
    return (f'<div class="admonition failure ae-problems" role="alert">'
            f'<p class="admonition-title">The edition has {count} {noun}: this preview leaves out what is broken</p>'
            f'<pre><code style="white-space: pre-wrap">{listing}</code></pre>'
            f"<p>Fix the files named above and save; the preview rebuilds. "
            f"<code>make check</code> prints the same list.</p></div>\n\n")

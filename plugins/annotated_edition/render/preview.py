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
from .templates import Templates, package_templates

__all__ = ["problems_banner", "PREVIEW_NOTICE"]

PREVIEW_NOTICE = ("the preview leaves out what is broken (or, for a broken text or structure file, keeps the "
                  "last version that loaded) and lists the problems at the top of every page; "
                  "it rebuilds when you save a fix")


def problems_banner(diagnostics: Diagnostics, root: Path | None, templates: Templates | None = None) -> str:
    """A raw-HTML block for the top of a page (template ``preview_banner.html``), followed by
    the blank line that ends it before the page's own Markdown."""
    banner = (templates or package_templates()).render(
        "preview_banner.html", count=len(diagnostics), lines=diagnostics.format(root).split("\n"))
    return banner + "\n\n"

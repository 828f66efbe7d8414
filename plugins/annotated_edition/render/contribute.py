"""One small line at the end of every clause page pointing contributors to the guide.

Reader pages carry no shell commands: the guide shows ``make note TARGET=…`` and how to find a
clause's reference. Registered as a ``RenderContext.sections`` hook, so the page renderers
need not know about it.
"""

from __future__ import annotations

from typing import Callable

from .templates import Templates, package_templates
from ..model import Clause
from ..urls import Linker

__all__ = ["add_note_section"]


def add_note_section(guide_source: str, templates: Templates | None = None) -> Callable[[Clause, Linker], str]:
    """A clause-section hook; ``guide_source`` is the guide page's source path (e.g.
    ``contributing.md``). The line is the template ``sections/contribute.html``."""
    chosen = templates or package_templates()

    def section(clause: Clause, linker: Linker) -> str:
        return chosen.render("sections/contribute.html", ref=str(clause.ref), guide_href=linker.to_source(guide_source))
    return section

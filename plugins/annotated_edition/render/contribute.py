"""A line on every clause page telling contributors how to add a note to that clause.

It shows the exact command, with the clause's reference filled in, so nobody has to work out
an ID, and links to the contributing guide. Registered as a ``RenderContext.clause_sections``
hook, so the page renderers need not know about it.
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

"""Load ``crossrefs.yml``: typed cross-references, each declared once (the reverse is derived)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..diagnostics import Diagnostics
from ..model import CrossRef, Ref
from ..timing import measured
from .commentary import suggest_refs
from .schema_check import load_listing

__all__ = ["load_crossrefs"]


@measured("link")
def load_crossrefs(path: Path, resolves: Callable[[Ref], bool], all_refs: list[str],
                   diagnostics: Diagnostics) -> list[CrossRef]:
    items = load_listing(path, "crossrefs", "crossrefs", diagnostics)
    if items is None:
        return []
    links: list[CrossRef] = []
    seen: set[tuple[Ref, str, Ref]] = set()
    for item in items:
        ok = True
        for key in ("from", "to"):
            ref = Ref.parse(item[key])
            if not resolves(ref):
                line, column = item.at(key)
                suggestions = suggest_refs(str(ref), all_refs)
                diagnostics.error(path, line, column, f"cross-reference '{key}' names unknown clause '{ref}'",
                                  f"Did you mean: {', '.join(suggestions)}?" if suggestions else "")
                ok = False
        link = CrossRef(Ref.parse(item["from"]), item["type"], Ref.parse(item["to"]), " ".join(item["reason"].split()))
        key = (link.source, link.type, link.target)
        if ok and key in seen:
            line, column = item.position
            diagnostics.error(path, line, column, f"duplicate cross-reference {link.source} {link.type} {link.target}",
                              "Declare each link once; the reverse direction is derived.")
            ok = False
        seen.add(key)
        if ok:
            links.append(link)
    return links

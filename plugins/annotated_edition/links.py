"""Typed cross-references: declared once in data, with the reverse direction derived."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .commentary import suggest_refs
from .diagnostics import Diagnostics
from .model import CrossRef, Ref
from .schema_check import load_listing
from .timing import measured

__all__ = ["load_crossrefs", "LinkGraph", "INVERSE_LABELS", "LABELS"]

# How a link reads from its source ("reaffirms X") and from its target ("reaffirmed by Y").
LABELS: dict[str, str] = {
    "reaffirms": "reaffirms", "parallels": "parallels", "implements": "implements",
    "echoes": "echoes", "contrasts": "contrasts with", "relates-to": "relates to",
}
INVERSE_LABELS: dict[str, str] = {
    "reaffirms": "reaffirmed by", "parallels": "paralleled by", "implements": "implemented by",
    "echoes": "echoed by", "contrasts": "contrasted by", "relates-to": "related to",
}


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


@dataclass
class LinkGraph:
    """Outgoing and incoming links by reference. A whole-document link is listed under the
    document's own reference, so a page can show both its clause's and its document's links."""

    links: list[CrossRef]
    _outgoing: dict[Ref, list[CrossRef]] = field(init=False)
    _incoming: dict[Ref, list[CrossRef]] = field(init=False)

    def __post_init__(self) -> None:
        self._outgoing = defaultdict(list)
        self._incoming = defaultdict(list)
        for link in self.links:
            self._outgoing[link.source].append(link)
            self._incoming[link.target].append(link)

    def outgoing(self, ref: Ref) -> list[CrossRef]:
        return list(self._outgoing.get(ref, []))

    def incoming(self, ref: Ref) -> list[CrossRef]:
        """The derived backlinks: every link whose target is ``ref``."""
        return list(self._incoming.get(ref, []))

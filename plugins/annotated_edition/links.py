"""Typed cross-references: declared once in data, with the reverse direction derived."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import CrossRef, Ref

__all__ = ["LinkGraph", "INVERSE_LABELS", "LABELS"]

# How a link reads from its source ("reaffirms X") and from its target ("reaffirmed by Y").
LABELS: dict[str, str] = {
    "reaffirms": "reaffirms", "parallels": "parallels", "implements": "implements",
    "echoes": "echoes", "contrasts": "contrasts with", "relates-to": "relates to",
}
INVERSE_LABELS: dict[str, str] = {
    "reaffirms": "reaffirmed by", "parallels": "paralleled by", "implements": "implemented by",
    "echoes": "echoed by", "contrasts": "contrasted by", "relates-to": "related to",
}


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

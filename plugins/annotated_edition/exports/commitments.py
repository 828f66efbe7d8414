"""The implementation tracker in ``data/edition.json``: every commitment with its dated statuses,
their Peace Accords Matrix levels, the timeline events they rest on and their sources."""

from __future__ import annotations

from typing import Any, Callable

from ..sources.commitments import STATUSES, commitment_anchor
from ..model import Edition, Ref, SourceRef

__all__ = ["commitments_json"]


def _source(source: SourceRef) -> dict[str, str]:
    return {key: value for key, value in (("title", source.title), ("publisher", source.publisher),
                                          ("date", source.date), ("url", source.url)) if value}


def commitments_json(edition: Edition, page: Callable[[str, str], str], ref: Callable[[Ref, str], str]) -> dict[str, Any]:
    """``page(source_path, fragment)`` and ``ref(ref, fragment)`` give addresses as the export
    writes them (absolute, or relative to ``data/``)."""
    return {
        "as_of": edition.commitments_as_of or None,
        "vocabulary": [{"status": status, "level": level} for status, level in STATUSES.items()],
        "items": [
            {
                "id": c.id, "target": str(c.target), "document": c.target.document, "clause": c.target.clause,
                **({"quote": c.quote} if c.quote else {}),
                **({"start": c.span[0], "end": c.span[1]} if c.span else {}),
                "related": c.related, **({"basis": c.basis} if c.related else {}),
                "parties": list(c.parties), "summary": c.summary,
                "current": {"status": c.current.status, "level": c.current.level, "since": c.since,
                            "date": c.current.date},
                "statuses": [
                    {"date": e.date, "status": e.status, "level": e.level, "text": e.text,
                     "events": list(e.events), "sources": [_source(s) for s in e.sources]}
                    for e in c.statuses
                ],
                "url": page("implementation.md", commitment_anchor(c)),
                "clause_url": ref(c.target, commitment_anchor(c)),
            }
            for c in edition.commitments
        ],
    }

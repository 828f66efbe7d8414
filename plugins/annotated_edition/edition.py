"""Assemble the whole edition from its files, checking everything, reporting every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .commentary import load_notes, suggest_refs
from .commitments import load_commitments
from .diagnostics import Diagnostics, EditionError
from .documents import load_document
from .entities import load_entities
from .input_guards import reading_project
from .links import LinkGraph, load_crossrefs
from .model import Clause, Document, Edition
from .timeline import load_events
from .timing import measured

__all__ = ["EditionConfig", "check_edition", "load_edition", "link_graph"]


@dataclass(frozen=True)
class EditionConfig:
    """Where the edition's files are. Paths are relative to ``root`` unless absolute."""

    root: Path
    documents: tuple[str, ...] = ("singapore-2018", "panmunjom-2018")
    sources_dir: str = "source_texts"
    commentary_dir: str = "docs/commentary"
    crossrefs_file: str = "crossrefs.yml"
    entities_file: str = "entities.yml"
    timeline_file: str = "timeline.yml"
    commitments_file: str = "commitments.yml"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def sources_path(self) -> Path:
        return self.root / self.sources_dir

    @property
    def commentary_path(self) -> Path:
        return self.root / self.commentary_dir


def check_edition(config: EditionConfig, *, partial: bool = False) -> tuple[Edition | None, Diagnostics]:
    """Load everything; return the edition (None if any problem) and every problem found.
    Every file read must lie inside ``config.root`` (see :mod:`.input_guards`).

    With ``partial``, the edition is returned even with problems, minus whatever failed to
    load (a live preview shows it while the contributor fixes a note); never publish it."""
    with reading_project(config.root):
        return _check_edition(config, partial)


def _check_edition(config: EditionConfig, partial: bool) -> tuple[Edition | None, Diagnostics]:
    diagnostics = Diagnostics()
    documents: dict[str, Document] = {}
    for document_id in config.documents:
        sidecar = config.sources_path / f"{document_id}.yml"
        if not sidecar.exists():
            diagnostics.error(sidecar, 1, 1, f"document '{document_id}' has no sidecar file",
                              f"Create {sidecar.name} or remove '{document_id}' from the plugin's 'documents'.")
            continue
        document = load_document(sidecar, diagnostics)
        if document is not None:
            documents[document_id] = document
    all_refs = [str(c.ref) for d in documents.values() for c in d.clauses]
    edition = Edition(documents=documents, notes=[], crossrefs=[], primary=config.documents[0])
    for document in documents.values():
        for link in document.text_links:
            if not edition.resolves(link.target):
                line = next(c.line for c in document.clauses if c.id == link.clause)
                suggestions = suggest_refs(str(link.target), all_refs + list(documents))
                diagnostics.error(document.sidecar, line, 1, f"text link points at unknown clause '{link.target}'",
                                  f"Did you mean: {', '.join(suggestions)}?" if suggestions else "")
    edition.crossrefs = load_crossrefs(config.sources_path / config.crossrefs_file, edition.resolves,
                                       all_refs + list(documents), diagnostics)
    edition.notes = load_notes(config.commentary_path, edition.clause, all_refs, diagnostics)
    _load_knowledge(config, edition, all_refs, diagnostics)
    return (None if diagnostics and not partial else edition), diagnostics


def _link_spans(edition: Edition, clause: Clause) -> list[tuple[int, int]]:
    document = edition.documents[clause.document]
    return [(link.start, link.end) for link in document.text_links if link.clause == clause.id]


def _load_knowledge(config: EditionConfig, edition: Edition, all_refs: list[str], diagnostics: Diagnostics) -> None:
    """Entities (and their mentions in the texts), the timeline and the commitments tracker;
    all three files are optional."""
    clauses = [clause for document in edition.documents.values() for clause in document.clauses]
    edition.entities, edition.mentions = load_entities(
        config.sources_path / config.entities_file, clauses, lambda c: _link_spans(edition, c), diagnostics)
    timeline = Diagnostics()
    edition.events = load_events(config.sources_path / config.timeline_file, edition.resolves,
                                 all_refs + list(edition.documents), timeline)
    diagnostics.extend(timeline)
    event_ids = None if timeline else {event.id for event in edition.events}
    edition.commitments, edition.commitments_as_of = load_commitments(
        config.sources_path / config.commitments_file, edition.clause, all_refs, event_ids, diagnostics)


def load_edition(config: EditionConfig) -> Edition:
    """Like :func:`check_edition`, but raise :class:`EditionError` listing every problem."""
    edition, diagnostics = check_edition(config)
    diagnostics.raise_if_any(config.root)
    assert edition is not None
    return edition


@measured("link")
def link_graph(edition: Edition) -> LinkGraph:
    return LinkGraph(edition.crossrefs)


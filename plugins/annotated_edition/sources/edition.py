"""Assemble the whole edition from its files, checking everything, reporting every problem."""

from __future__ import annotations

from typing import Callable

from .commentary import load_notes, suggest_refs
from ..diagnostics import Diagnostics
from .commitments import load_commitments
from .documents import load_document
from .entities import load_entities
from .input_guards import reading_project
from .folder_tree import shared_listings
from .stray_notes import find_stray_notes
from ..links import LinkGraph
from .crossrefs import load_crossrefs
from ..model import Clause, Document, Edition, Ref
from ..settings import EditionConfig
from ..stored_results import ResultStore
from .timeline import load_events
from ..timing import measured

__all__ = ["EditionConfig", "check_edition", "load_edition", "link_graph"]


def check_edition(config: EditionConfig, *, partial: bool = False) -> tuple[Edition | None, Diagnostics]:
    """Load everything; return the edition (None if any problem) and every problem found.
    Every file read must lie inside ``config.root`` (see :mod:`.input_guards`).

    With ``partial``, the edition is returned even with problems, minus whatever failed to
    load (a live preview shows it while the contributor fixes a note); never publish it."""
    # Each folder listed once for the whole load (sources/folder_tree.py).
    with reading_project(config.root), shared_listings():
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
    all_refs = [str(c.ref) for d in documents.values() for c in d.clauses] + list(documents)
    clause_of = _clause_lookup(documents)
    resolves = _resolver(documents)
    for document in documents.values():
        for link in document.text_links:
            if not resolves(link.target):
                line = next(c.line for c in document.clauses if c.id == link.clause)
                suggestions = suggest_refs(str(link.target), all_refs)
                diagnostics.error(document.sidecar, line, 1, f"text link points at unknown clause '{link.target}'",
                                  f"Did you mean: {', '.join(suggestions)}?" if suggestions else "")
    crossrefs = load_crossrefs(config.sources_path / config.crossrefs_file, resolves, all_refs, diagnostics)
    # Front matter loaded and checked without a problem on an earlier run is read from the
    # store of results beside the note cache (sources/front_matter_memo.py).
    store = ResultStore(config.cache_path) if config.cache_path else None
    try:
        notes = load_notes(config.commentary_path, clause_of, all_refs, diagnostics, store)
    finally:
        if store is not None:
            store.close()
    find_stray_notes(config.docs_path, config.commentary_path, all_refs, diagnostics)
    clauses = [clause for document in documents.values() for clause in document.clauses]
    # Entities and the timeline are optional files.
    entities, mentions = load_entities(config.sources_path / config.entities_file, clauses,
                                       lambda clause: _link_spans(documents, clause), diagnostics)
    timeline = Diagnostics()
    events = load_events(config.sources_path / config.timeline_file, resolves, all_refs, timeline)
    diagnostics.extend(timeline)
    # Commitments name timeline events; with a broken timeline, their event IDs are not checked.
    event_ids = None if timeline else {event.id for event in events}
    commitments, commitments_as_of = load_commitments(config.sources_path / config.commitments_file, clause_of,
                                                      all_refs, event_ids, diagnostics)
    edition = Edition(documents=documents, notes=notes, crossrefs=crossrefs, primary=config.documents[0],
                      entities=entities, mentions=mentions, events=events, commitments=commitments,
                      commitments_as_of=commitments_as_of)
    return (None if diagnostics and not partial else edition), diagnostics


def _clause_lookup(documents: dict[str, Document]) -> Callable[[Ref], Clause | None]:
    """The clause a reference names, while the edition itself is still being assembled."""
    def clause_of(ref: Ref) -> Clause | None:
        document = documents.get(ref.document)
        return document.clause(ref.clause) if document and ref.clause else None
    return clause_of


def _resolver(documents: dict[str, Document]) -> Callable[[Ref], bool]:
    clause_of = _clause_lookup(documents)

    def resolves(ref: Ref) -> bool:
        return ref.document in documents and (ref.clause is None or clause_of(ref) is not None)
    return resolves


def _link_spans(documents: dict[str, Document], clause: Clause) -> list[tuple[int, int]]:
    document = documents[clause.document]
    return [(link.start, link.end) for link in document.text_links if link.clause == clause.id]


def load_edition(config: EditionConfig) -> Edition:
    """Like :func:`check_edition`, but raise :class:`EditionError` listing every problem."""
    edition, diagnostics = check_edition(config)
    diagnostics.raise_if_any(config.root)
    assert edition is not None
    return edition


@measured("link")
def link_graph(edition: Edition) -> LinkGraph:
    return LinkGraph(edition.crossrefs)


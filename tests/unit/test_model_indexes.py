"""Lookups by ID are indexed at construction (a scan per page made large builds quadratic), and
the model cannot change afterwards, so the indexes cannot go stale."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from annotated_edition.model import Clause, Document, Edition, Note, Ref, SourceRef


def _document(clause_ids: list[str]) -> Document:
    return Document(id="doc", title="T", short_title="T", date="2018", place="", language="en", parties=[],
                    signatories=[], source=SourceRef("S"), licence="",
                    clauses=[Clause("doc", cid, cid.upper(), summary="s") for cid in clause_ids],
                    sidecar=Path("doc.yml"))


def _note(slug: str, clause: str) -> Note:
    return Note(slug=slug, path=Path(f"{slug}.md"), target=Ref("doc", clause), title=slug, authors=(),
                date="2026", sources=(), body="b")


def test_clause_lookup_and_neighbours() -> None:
    document = _document(["a", "b", "c"])
    assert document.clause("b").label == "B"
    assert document.clause("z") is None
    assert [c and c.id for c in document.neighbours("a")] == [None, "b"]
    assert [c and c.id for c in document.neighbours("b")] == ["a", "c"]
    assert [c and c.id for c in document.neighbours("c")] == ["b", None]
    with pytest.raises(ValueError):
        document.neighbours("z")
    with pytest.raises(FrozenInstanceError):
        document.clauses = (Clause("doc", "x", "X", summary="s"),)  # type: ignore[misc]
    changed = replace(document, clauses=(Clause("doc", "x", "X", summary="s"),))
    assert changed.clause("a") is None and changed.clause("x").label == "X"
    assert document.clause("a").label == "A"


def test_the_first_of_duplicate_clause_ids_wins_as_before() -> None:
    plain = _document(["a", "a"])
    document = replace(plain, clauses=(plain.clauses[0], replace(plain.clauses[1], label="second")))
    assert document.clause("a").label == "A"


def test_notes_for_is_indexed_at_construction() -> None:
    edition = Edition(documents={"doc": _document(["a", "b"])}, notes=[_note("n1", "a")], crossrefs=[], primary="doc")
    assert [n.slug for n in edition.notes_for(Ref("doc", "a"))] == ["n1"]
    assert edition.notes_for(Ref("doc", "b")) == []
    edition = replace(edition, notes=[_note("n1", "a"), _note("n2", "a"), _note("n3", "b")])
    assert [n.slug for n in edition.notes_for(Ref("doc", "a"))] == ["n1", "n2"]
    with pytest.raises(FrozenInstanceError):
        edition.notes = (_note("n4", "b"),)  # type: ignore[misc]
    edition = replace(edition, notes=[_note("n4", "b")])
    assert edition.notes_for(Ref("doc", "a")) == []
    assert [n.slug for n in edition.notes_for(Ref("doc", "b"))] == ["n4"]
    edition.notes_for(Ref("doc", "b")).clear()  # callers get a copy, never the index itself
    assert len(edition.notes_for(Ref("doc", "b"))) == 1

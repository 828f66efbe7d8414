"""Lookups by ID are indexed (a scan per page made large builds quadratic) and the indexes
follow the data when it changes."""

from __future__ import annotations

from dataclasses import replace
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
    document.clauses.append(Clause("doc", "d", "D", summary="s"))  # the index follows
    assert document.clause("d").label == "D"
    document.clauses = [Clause("doc", "x", "X", summary="s")]
    assert document.clause("a") is None and document.clause("x").label == "X"


def test_the_first_of_duplicate_clause_ids_wins_as_before() -> None:
    document = _document(["a", "a"])
    document.clauses[1] = replace(document.clauses[1], label="second")
    assert document.clause("a").label == "A"


def test_notes_for_follows_the_notes_list() -> None:
    edition = Edition(documents={"doc": _document(["a", "b"])}, notes=[_note("n1", "a")], crossrefs=[], primary="doc")
    assert [n.slug for n in edition.notes_for(Ref("doc", "a"))] == ["n1"]
    assert edition.notes_for(Ref("doc", "b")) == []
    edition.notes.append(_note("n2", "a"))
    edition.notes.append(_note("n3", "b"))
    assert [n.slug for n in edition.notes_for(Ref("doc", "a"))] == ["n1", "n2"]
    edition.notes = [_note("n4", "b")]
    assert edition.notes_for(Ref("doc", "a")) == []
    assert [n.slug for n in edition.notes_for(Ref("doc", "b"))] == ["n4"]
    edition.notes_for(Ref("doc", "b")).clear()  # callers get a copy, never the index itself
    assert len(edition.notes_for(Ref("doc", "b"))) == 1

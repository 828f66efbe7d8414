"""Pure parts of reading first: the order a reader meets a clause's notes, a document page's
clauses as nested contents, and each note's citation in the Cite section."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT

from annotated_edition import edition_config_for
from annotated_edition.exports.edition_info import EditionInfo
from annotated_edition.model import Note, Ref
from annotated_edition.render.document_toc import document_toc
from annotated_edition.render.knowledge import cite_section
from annotated_edition.render.reading_order import in_reading_order
from annotated_edition.sources.edition import load_edition
from annotated_edition.urls import Linker

EDITION = load_edition(edition_config_for(ROOT))
TEMPLATE = EDITION.notes[0]


def _note(slug: str, span: tuple[int, int] | None) -> Note:
    return replace(TEMPLATE, slug=slug, span=span, quote="x" if span else "")


def test_phrase_notes_by_position_then_whole_clause_notes_whatever_the_file_names() -> None:
    notes = [_note("a-whole", None), _note("b-late", (40, 50)), _note("c-early", (3, 9)), _note("0-whole", None)]
    assert [n.slug for n in in_reading_order(notes)] == ["c-early", "b-late", "0-whole", "a-whole"]


@given(st.lists(st.one_of(st.none(), st.tuples(st.integers(0, 500), st.integers(1, 50))), max_size=12))
def test_reading_order_is_a_permutation_with_every_phrase_before_every_whole_clause_note(spans) -> None:  # type: ignore[no-untyped-def]
    notes = [_note(f"n{i}", None if s is None else (s[0], s[0] + s[1])) for i, s in enumerate(spans)]
    ordered = in_reading_order(notes)
    assert sorted(n.slug for n in ordered) == sorted(n.slug for n in notes)
    starts = [n.span[0] for n in ordered if n.span is not None]
    assert starts == sorted(starts)
    kinds = [n.span is None for n in ordered]
    assert kinds == sorted(kinds), "no phrase note after a whole-clause note"


def test_the_real_notes_that_were_out_of_order_now_follow_the_text() -> None:
    for clause_id in ("intro-2", "point-4", "closing-1"):
        notes = in_reading_order(EDITION.notes_for(Ref("singapore-2018", clause_id)))
        starts = [n.span[0] for n in notes if n.span is not None]
        assert len(starts) >= 2 and starts == sorted(starts), clause_id


def test_document_contents_nest_articles_and_link_clause_anchors() -> None:
    toc = document_toc(EDITION, "panmunjom-2018/index.md")
    assert toc is not None
    articles = {entry.anchor: [child.anchor for child in entry.children] for entry in toc}
    assert articles["article-3"] == ["article-3.1", "article-3.2", "article-3.3", "article-3.4"]
    flat = [e.anchor for entry in toc for e in (entry, *entry.children)]
    assert flat == [clause.id for clause in EDITION.documents["panmunjom-2018"].clauses]
    statement = document_toc(EDITION, "singapore-2018/index.md")
    assert statement is not None and [e.anchor for e in statement][4:8] == ["point-1", "point-2", "point-3", "point-4"]
    assert document_toc(EDITION, "singapore-2018/point-3.md") is None
    assert document_toc(EDITION, "glossary.md") is None


def test_each_note_is_cited_with_its_authors_date_and_absolute_anchor() -> None:
    info = EditionInfo(title="An Edition", editors=("Ed One",), version="1.0", date="2026-11-28",
                       base_url="https://example.org/edition/")
    clause = EDITION.clause(Ref("singapore-2018", "point-4"))
    assert clause is not None
    html = cite_section(EDITION, info, False)(clause, Linker("singapore-2018/point-4.md", False))
    page = BeautifulSoup(html, "html.parser")
    cited = page.select(".ae-note__cite")
    notes = in_reading_order(EDITION.notes_for(clause.ref))
    assert [c["data-note"] for c in cited] == [n.slug for n in notes]
    for block, note in zip(cited, notes):
        text = block.select_one(".ae-cite__text").get_text()
        assert note.title in text and all(a.name in text for a in note.authors)
        assert f"https://example.org/edition/singapore-2018/point-4.html#{note.anchor}" in text
        assert block.select_one("time")["datetime"] == note.date
        assert block.select_one("button.ae-copy")["data-ae-copy"] == block.select_one(".ae-cite__text")["id"]

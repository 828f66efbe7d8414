"""The tag index: every tag once, its notes in reading order, links to each note's anchor on its
clause page, everything a contributor wrote escaped."""

from __future__ import annotations

import dataclasses

import markdown
from bs4 import BeautifulSoup

from conftest import ROOT

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import link_graph
from annotated_edition.render.pages import RenderContext
from annotated_edition.render.tags import TAGS_PAGE, render_tag_index, tag_anchor, tagged_notes
from annotated_edition.sources.edition import load_edition

EDITION = load_edition(edition_config_for(ROOT))


def _context(edition=EDITION) -> RenderContext:  # type: ignore[no-untyped-def]
    return RenderContext(edition, link_graph(edition))


def _html(page: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(page, extensions=["attr_list", "toc"]), "html.parser")


def test_every_tag_is_a_section_listing_each_of_its_notes() -> None:
    page = _html(render_tag_index(_context()))
    tags = sorted({tag for note in EDITION.notes for tag in note.tags})
    assert [h2["id"] for h2 in page.find_all("h2")] == [tag_anchor(tag) for tag in tags]
    for tag in tags:
        heading = page.find("h2", id=tag_anchor(tag))
        links = [a["href"] for a in heading.find_next("ul").find_all("a")]
        expected = {f"{n.target.document}/{n.target.clause}.html#{n.anchor}" for n in EDITION.notes if tag in n.tags}
        assert set(links) == expected and len(links) == len(expected)


def test_notes_of_a_tag_come_in_reading_order() -> None:
    order = {clause.ref: i for i, clause in enumerate(c for d in EDITION.documents.values() for c in d.clauses)}
    for notes in tagged_notes(_context()).values():
        positions = [order[next(n for n in EDITION.notes if n.title == item.title).target] for item in notes]
        assert positions == sorted(positions)


def test_titles_and_names_are_escaped() -> None:
    note = dataclasses.replace(EDITION.notes[0], title='<script>alert(1)</script> & "x"', tags=("zz-test",))
    edition = dataclasses.replace(EDITION, notes=(note,))
    page = render_tag_index(_context(edition))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_an_edition_without_tags_says_so() -> None:
    edition = dataclasses.replace(EDITION, notes=tuple(dataclasses.replace(n, tags=()) for n in EDITION.notes))
    assert "No note carries a tag yet" in render_tag_index(_context(edition), TAGS_PAGE)

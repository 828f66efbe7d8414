"""Nothing about this one corpus is written into the engine: how deep a clause sits, the editors'
remarks on presentation, and the statement about a text the edition does not reproduce all come
from the documents' sidecars."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from annotated_edition import check_edition, edition_config_for, load_edition
from annotated_edition.links import LinkGraph
from annotated_edition.render.context import RenderContext
from annotated_edition.render.pages import render_document_page
from conftest import ROOT, copy_project

EDITION = load_edition(edition_config_for(ROOT))


def _document_page(document_id: str) -> BeautifulSoup:
    context = RenderContext(EDITION, LinkGraph(EDITION.crossrefs))
    return BeautifulSoup(render_document_page(context, EDITION.documents[document_id]), "html.parser")


def test_heading_levels_follow_the_outline_in_the_sidecar() -> None:
    page = _document_page("panmunjom-2018")
    assert page.select_one("#article-3-label").name == "h2"
    assert page.select_one("#article-3\\.4-label").name == "h3"
    assert {c.level for c in EDITION.documents["singapore-2018"].clauses} == {1}


def test_an_editorial_note_comes_from_data_and_stands_before_its_clause() -> None:
    note = EDITION.documents["singapore-2018"].editorial_notes[0]
    assert (note.id, note.before) == ("points", "point-1")
    page = _document_page("singapore-2018")
    aside = page.select_one("#editorial-note-points")
    assert aside.select_one(".admonition-title").get_text() == f"Editorial note: {note.title}"
    assert aside.find_next("section")["id"] == "point-1"


def test_a_document_without_its_text_says_so_once_in_its_own_words() -> None:
    page = _document_page("panmunjom-2018")
    licence = EDITION.documents["panmunjom-2018"].licence
    shown = [p.get_text() for p in page.select("p.ae-notice")]
    assert shown == [licence]
    assert page.get_text().count(licence) == 1
    assert "Status" not in [th.get_text() for th in page.select(".ae-doc-meta th")]


def test_an_editorial_note_before_an_unknown_clause_is_a_located_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sidecar = project / "source_texts" / "singapore-2018.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("before: point-1", "before: piont-1"),
                       encoding="utf-8")
    edition, diagnostics = check_edition(edition_config_for(project))
    assert edition is None
    text = diagnostics.format(project)
    assert "source_texts/singapore-2018.yml:" in text
    assert "editorial note 'points' is placed before unknown clause 'piont-1'" in text
    assert "Did you mean: point-1" in text

"""In-text citations in a real strict build: numbered links into each note's source list on the
clause pages and the print page, back links from the list, the exports' record of what each note
cites, and a strict build that fails on an uncited source or an unknown key."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, Build, copy_project, run_mkdocs_build
from note_breakages import NOTE_REL, write_good_note

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition
from annotated_edition.model import Note
from annotated_edition.note_citations import cited_keys, find_citations
from annotated_edition.urls import page_source_path, page_url

EDITION = load_edition(edition_config_for(ROOT))


def _page_of(note: Note) -> str:
    return page_url(page_source_path(note.target), False)


@pytest.mark.parametrize("note", EDITION.notes, ids=[n.slug for n in EDITION.notes])
def test_each_citation_is_a_numbered_link_to_its_source_and_back(built_site: Build, note: Note) -> None:
    page = built_site.html(_page_of(note))
    article = page.select_one(f'article.ae-note[data-note="{note.slug}"]')
    cites = article.select(".ae-note__body sup.ae-cite")
    citations = find_citations(note.body)
    assert len(cites) == len(citations) >= len(note.sources)
    ids = [s.id for s in note.sources]
    for sup, citation in zip(cites, citations):
        number = ids.index(citation.key) + 1
        assert sup.a.get_text() == f"[{number}]"
        target = page.find(id=sup.a["href"][1:])
        assert target is not None and target.name == "li"
        assert target.find_parent("ol", class_="ae-sources") is not None
        assert target.find_parent("article")["data-note"] == note.slug
        assert target.find_previous_siblings("li").__len__() == number - 1, "the number is the list position"
    for source, item in zip(note.sources, article.select(".ae-note__sources ol.ae-sources > li")):
        assert item["id"] == f"{note.anchor}-src-{source.id}"
        backs = item.select("a.ae-backref")
        assert backs, f"{note.slug}: {source.id} links back nowhere"
        for back in backs:
            cite = page.find(id=back["href"][1:])
            assert cite is not None and cite.name == "sup" and cite.a["href"] == f"#{item['id']}"
    assert "[@" not in article.get_text(), "no citation is left as raw syntax"


def test_the_print_page_keeps_citations_and_their_targets(built_site: Build) -> None:
    page = built_site.html("print.html")
    cites = page.select(".ae-endnote sup.ae-cite a")
    assert len(cites) == sum(len(find_citations(n.body)) for n in EDITION.notes)
    assert all(page.find(id=a["href"][1:]) is not None for a in cites)


def test_exports_record_which_sources_each_note_cites(built_site: Build) -> None:
    edition = json.loads((built_site.site / "data" / "edition.json").read_text(encoding="utf-8"))
    by_slug = {n.slug: n for n in EDITION.notes}
    for item in edition["notes"]:
        note = by_slug[item["id"]]
        assert item["cites"] == cited_keys(note.body)
        assert [s["id"] for s in item["sources"]] == [s.id for s in note.sources]
        assert [s.get("party", "") for s in item["sources"]] == [s.party for s in note.sources]
    annotations = json.loads((built_site.site / "data" / "annotations.jsonld").read_text(encoding="utf-8"))
    for annotation in annotations["first"]["items"]:
        slug = annotation["id"].rpartition("#note-")[2]
        references = annotation["dcterms:references"]
        assert [r["dcterms:identifier"] for r in references] == cited_keys(by_slug[slug].body)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("tags: [peace-regime]", "  - id: second\n    title: A second source\n    publisher: P\ntags: [peace-regime]",
     f"{NOTE_REL}:13:9: warning: note 'checker-fixture': source 'second' is listed but never cited"),
    ("[@joint-statement]", "[@joint-statment]",
     f"{NOTE_REL}:15:22: error: unknown citation key 'joint-statment'"),
], ids=["uncited-source-warns", "unknown-key-errs"])
def test_the_strict_build_refuses_citation_problems(tmp_path, old: str, new: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    path = write_good_note(project)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    build = run_mkdocs_build(project)
    assert not build.ok
    assert expected in build.output

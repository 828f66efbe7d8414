"""Pure parts of the offline edition: the local worker shim, the zip bundle, endnote order."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, strategies as st

from annotated_edition import edition_config_for
from annotated_edition.tools.bundle import README_NAME, write_offline_bundle
from annotated_edition.sources.edition import link_graph, load_edition
from annotated_edition.adapter.offline import (SHIM_SCRIPT, OfflineAssetError, is_remote_url,
                                       use_local_worker_shim, worker_shim_files)
from annotated_edition.model import Author, Note, Ref, SourceRef
from annotated_edition.render.print_edition import endnote_order, render_print_page
from annotated_edition.render.context import RenderContext
from annotated_edition.adapter.theme_fixes import name_search_dialog

from conftest import ROOT

CDN_SHIM = "https://unpkg.com/iframe-worker/shim"


@pytest.mark.parametrize("url, remote", [
    ("https://unpkg.com/iframe-worker/shim", True),
    ("//cdn.example.org/x.js", True),
    ("http://localhost/x.js", True),
    ("assets/annotated-edition/iframe-worker/shim.js", False),
    ("../assets/x.js", False),
    ("data:text/javascript,1", False),
    ("file:///tmp/x.js", False),
])
def test_is_remote_url(url: str, remote: bool) -> None:
    assert is_remote_url(url) is remote


@pytest.mark.parametrize("before", [[], [CDN_SHIM], ["polyfill/a.js", CDN_SHIM], [SHIM_SCRIPT], [CDN_SHIM, SHIM_SCRIPT]])
def test_the_cdn_shim_is_replaced_by_the_local_copy(before: list[str]) -> None:
    after = use_local_worker_shim(before)
    assert after.count(SHIM_SCRIPT) == 1
    assert CDN_SHIM not in after
    assert [u for u in before if u not in (CDN_SHIM, SHIM_SCRIPT)] == [u for u in after if u != SHIM_SCRIPT]


@given(st.lists(st.sampled_from([CDN_SHIM, SHIM_SCRIPT, "local/a.js", "https://cdn.example.org/other.js"])))
def test_replacing_the_shim_is_idempotent(polyfills: list[str]) -> None:
    once = use_local_worker_shim(polyfills)
    assert use_local_worker_shim(once) == once
    assert not any("iframe-worker" in u and is_remote_url(u) for u in once)


def test_shim_files_come_from_the_installed_package_with_its_licence() -> None:
    shipped = {f.site_path: f.source for f in worker_shim_files(ROOT / "node_modules" / "iframe-worker")}
    assert set(shipped) == {SHIM_SCRIPT, SHIM_SCRIPT.replace("shim.js", "LICENSE")}
    licence = shipped[SHIM_SCRIPT.replace("shim.js", "LICENSE")].read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in licence  # the MIT licence's grant


def test_a_missing_shim_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(OfflineAssetError) as raised:
        worker_shim_files(tmp_path / "node_modules" / "iframe-worker")
    message = str(raised.value)
    assert "shim/index.js" in message and "make vendor" in message and "npm ci" in message


def test_search_dialog_gets_a_name_once() -> None:
    page = '<div class="md-search" data-md-component="search" role="dialog"><input></div>'
    fixed = name_search_dialog(page)
    assert fixed.count('aria-label="Search"') == 1
    assert name_search_dialog("<p>no dialog</p>") == "<p>no dialog</p>"


def _fake_site(root: Path) -> Path:
    site = root / "site"
    (site / "assets" / "js").mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (site / "assets" / "js" / "bundle.js").write_text("1", encoding="utf-8")
    (site / "assets" / "js" / "bundle.js.map").write_text("{}", encoding="utf-8")
    return site


def test_bundle_opens_at_index_with_a_readme_and_no_source_maps(tmp_path: Path) -> None:
    site = _fake_site(tmp_path)
    summary = write_offline_bundle(site, tmp_path / "dist" / "x-offline.zip", "An edition")
    with zipfile.ZipFile(summary.archive) as bundle:
        names = bundle.namelist()
        readme = bundle.read(README_NAME).decode("utf-8")
    assert names == [README_NAME, "assets/js/bundle.js", "index.html"]
    assert "An edition" in readme and "index.html" in readme
    assert summary.files == 3 and summary.archive_bytes == summary.archive.stat().st_size
    assert "MB zipped" in summary.describe()


def test_bundle_bytes_do_not_depend_on_when_it_is_made(tmp_path: Path) -> None:
    site = _fake_site(tmp_path)
    first = write_offline_bundle(site, tmp_path / "a.zip", "E").archive.read_bytes()
    for path in site.rglob("*"):
        path.touch()
    assert write_offline_bundle(site, tmp_path / "b.zip", "E").archive.read_bytes() == first


def test_bundle_refuses_an_unbuilt_site(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make site"):
        write_offline_bundle(tmp_path / "site", tmp_path / "x.zip", "E")


def test_endnotes_are_numbered_in_reading_order() -> None:
    edition = load_edition(edition_config_for(ROOT))
    endnotes = endnote_order(RenderContext(edition, link_graph(edition)))
    assert [e.number for e in endnotes] == list(range(1, len(edition.notes) + 1))
    assert sorted(e.note.slug for e in endnotes) == sorted(n.slug for n in edition.notes)
    positions = []
    for endnote in endnotes:
        document = edition.documents[endnote.note.target.document]
        clause_index = [c.id for c in document.clauses].index(endnote.note.target.clause)
        where = endnote.note.span[0] if endnote.note.span else float("inf")
        positions.append((list(edition.documents).index(document.id), clause_index, where))
    assert positions == sorted(positions)


def _note(slug: str, clause: str, quote: str = "", span: tuple[int, int] | None = None) -> Note:
    return Note(slug=slug, path=Path(f"{slug}.md"), target=Ref("singapore-2018", clause), title=f"On {slug}",
                authors=(Author("A. Editor"),), date="2026-01-01",
                sources=(SourceRef("A source", url="https://example.org/source"),), body=f"Body of {slug}.",
                quote=quote, span=span)


def test_print_page_numbers_phrase_notes_by_position_then_clause_notes() -> None:
    edition = load_edition(edition_config_for(ROOT))
    text = edition.documents["singapore-2018"].clause("point-3").text
    late, early = "Korean Peninsula", "Reaffirming"
    late_at, early_at = text.index(late), text.index(early)
    edition = replace(edition, notes=[  # deliberately out of reading order
        _note("whole-clause", "point-3"),
        _note("late-phrase", "point-3", late, (late_at, late_at + len(late))),
        _note("early-phrase", "point-3", early, (early_at, early_at + len(early))),
    ])
    page = BeautifulSoup(render_print_page(RenderContext(edition, link_graph(edition)), "Title"), "html.parser")
    refs = page.select("#print-singapore-2018--point-3 sup.ae-endnote-ref")
    assert [r.get_text() for r in refs] == ["[1]", "[2]", "[3]"]
    assert refs[0].find_previous(string=True).endswith(early)
    assert refs[1].find_previous(string=True).endswith(late)
    # The note on the whole clause is keyed after the clause's last character.
    assert refs[2].find_previous(string=True) == text[late_at + len(late):]
    assert refs[2].parent.get_text().endswith("[3]")
    assert [li["data-note"] for li in page.select("li.ae-endnote")] == ["early-phrase", "late-phrase", "whole-clause"]
    assert page.select_one("li.ae-endnote a.ae-source-url").get_text() == "https://example.org/source"

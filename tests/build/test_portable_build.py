"""The edition with no plugin: the portable tree (make portable) builds with plain MkDocs and
with Zensical, and the real site builds with ProperDocs; each is checked on its parsed HTML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from annotated_edition.tools.project_config import read_mkdocs_yml

from bs4 import BeautifulSoup

from conftest import ROOT, copy_project

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition
from annotated_edition.tools.portable import PORTABLE_MARKER, PortableBuildError, build_portable

EDITION = load_edition(edition_config_for(ROOT))
SINGAPORE = EDITION.documents["singapore-2018"]
# The editorial decision (design.md §4), spelled out so a change to the data cannot hide a loss.
STATEMENT_CLAUSES = ["title", "intro-1", "intro-2", "intro-3", "point-1", "point-2", "point-3", "point-4",
                     "closing-1", "closing-2", "signatures"]
EPOCH = {"SOURCE_DATE_EPOCH": "1781000000"}


@dataclass
class Trees:
    project: Path
    real_site: Path    # the site of the build that wrote the portable tree
    portable: Path


def _html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _squeezed(element: object) -> str:
    return " ".join(str(element).split())


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **EPOCH}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=environment, timeout=600)


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> Trees:
    base = tmp_path_factory.mktemp("portable")
    project = copy_project(base / "project")
    portable = build_portable(project, base / "portable", env=EPOCH, site_dir=base / "real-site")
    return Trees(project, base / "real-site", portable)


def _built_copy(trees: Trees, name: str) -> Path:
    """A private copy of the portable tree to build in (engines write site/ and caches beside it)."""
    copy = trees.portable.parent / name
    shutil.copytree(trees.portable, copy)
    return copy


def _assert_statement_page(site: Path) -> None:
    page = _html(site / "singapore-2018" / "index.html")
    ids = [block["id"] for block in page.select("section.ae-clause")]
    assert ids == STATEMENT_CLAUSES == [c.id for c in SINGAPORE.clauses]
    for clause_id in STATEMENT_CLAUSES:
        assert page.find(id=clause_id) is not None
    phrase_notes = [n for n in EDITION.notes if n.target.document == "singapore-2018" and n.quote]
    assert phrase_notes
    for note in phrase_notes:
        block = page.select_one(f"section#{note.target.clause}")
        assert block.select_one(f'mark.ae-phrase[data-note="{note.slug}"]') is not None
        marker = block.select_one(f'button.ae-marker[popovertarget="pop-{note.target.clause}-{note.slug}"]')
        assert marker is not None and note.title in marker["aria-label"]
    assert len(page.select("button.ae-marker")) == len(phrase_notes)
    for clause in SINGAPORE.clauses:
        assert int(page.select_one(f"section#{clause.id}")["data-notes"]) == len(EDITION.notes_for(clause.ref))
    # The citation tags reach <head> through the copied theme override.
    assert page.head.find("meta", attrs={"name": "citation_title"}) is not None


def _assert_edition_pages(site: Path) -> None:
    _assert_statement_page(site)
    for note in EDITION.notes:
        page = _html(site / note.target.document / f"{note.target.clause}.html")
        assert page.select_one(f'article.ae-note[data-note="{note.slug}"]') is not None
    home = _html(site / "index.html")
    assert len(home.select(".ae-newest li a")) == min(5, len(EDITION.notes))
    assert not (site / "commentary").exists()
    data = json.loads((site / "data" / "edition.json").read_text(encoding="utf-8"))
    assert [c["clause"] for c in data["clauses"] if c["document"] == "singapore-2018"] == STATEMENT_CLAUSES


def test_the_tree_holds_plain_files_and_a_configuration_without_the_plugin(trees: Trees) -> None:
    # Read as MkDocs reads it (!ENV resolved), since the tree keeps the site's own tags.
    assert "annotated-edition" not in json.dumps(read_mkdocs_yml(trees.portable)["plugins"])
    docs = trees.portable / "docs"
    assert not (docs / "commentary").exists()
    for clause in STATEMENT_CLAUSES:
        assert (docs / "singapore-2018" / f"{clause}.md").is_file()
    assert "<!-- annotated-edition" not in (docs / "index.md").read_text(encoding="utf-8")
    # Exports hold their final content, the same bytes the real site publishes.
    for name in ("edition.json", "annotations.jsonld"):
        assert (docs / "data" / name).read_bytes() == (trees.real_site / "data" / name).read_bytes()
        assert len((docs / "data" / name).read_bytes()) > 1000
    assert (docs / "assets" / "annotated-edition" / "iframe-worker" / "shim.js").is_file()
    assert (trees.portable / "overrides" / "main.html").is_file()


def test_plain_mkdocs_builds_the_tree_strictly_and_publishes_what_the_plugin_did(trees: Trees) -> None:
    tree = _built_copy(trees, "mkdocs-tree")
    result = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], tree)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tree / "site"
    _assert_edition_pages(site)
    # Page for page, the same content and the same <head> tags as the site the plugin built;
    # what differs is listed in the README (Edit links, two accessibility repairs of the theme).
    real_pages = sorted(p.relative_to(trees.real_site) for p in trees.real_site.rglob("*.html"))
    assert real_pages == sorted(p.relative_to(site) for p in site.rglob("*.html"))
    for relative in real_pages:
        real, portable = _html(trees.real_site / relative), _html(site / relative)
        for page in (real, portable):
            for edit in page.select("a[rel=edit]"):
                edit.decompose()
        # (whitespace runs compared as one space: the removed Edit link leaves blank lines)
        assert _squeezed(portable.select_one("article.md-content__inner")) == \
            _squeezed(real.select_one("article.md-content__inner")), relative
        assert [str(m) for m in portable.head.find_all("meta")] == [str(m) for m in real.head.find_all("meta")]
        assert portable.title.string == real.title.string


def test_zensical_builds_the_tree(trees: Trees) -> None:
    tree = _built_copy(trees, "zensical-tree")
    result = _run([sys.executable, "-m", "zensical", "build", "--strict", "-f", "mkdocs.yml"], tree)
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_edition_pages(tree / "site")
    # Clause pages stay out of the navigation there too.
    nav_links = {a.get("href", "") for a in _html(tree / "site" / "index.html").select("nav.md-nav a")}
    assert any(h.endswith("singapore-2018/index.html") for h in nav_links)
    assert not any("singapore-2018/point" in h for h in nav_links)


def test_properdocs_builds_the_real_site_with_the_plugin(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = _run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"],
                  project)
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_edition_pages(project / "site")


def test_the_tool_never_deletes_a_folder_it_did_not_write(tmp_path: Path) -> None:
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(PortableBuildError, match="was not written by the portable build"):
        build_portable(ROOT, keep)
    assert (keep / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (keep / PORTABLE_MARKER).exists()

"""Provenance on the page: every page's "Edit this page" opens the file it is made from on the
repository host, every note links to its own file, and the contributing guide is published
from CONTRIBUTING.md with working links and the note schema beside it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, Build, run_mkdocs_build

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition
from annotated_edition.sources.schema_check import SCHEMA_DIR

EDITION = load_edition(edition_config_for(ROOT))
EDIT_BASE = "https://github.com/annotated-edition/singapore-2018/edit/main/"


def _edit_button(build: Build, page: str) -> str | None:
    link = build.html(page).select_one('a.md-content__button[rel="edit"]')
    return link["href"] if link else None


def test_every_page_edit_link_opens_its_source_file(built_site: Build) -> None:
    assert _edit_button(built_site, "index.html") == EDIT_BASE + "docs/index.md"
    assert _edit_button(built_site, "data-formats.html") == EDIT_BASE + "docs/data-formats.md"
    assert _edit_button(built_site, "contributing.html") == EDIT_BASE + "CONTRIBUTING.md"
    for document in EDITION.documents.values():
        sidecar = EDIT_BASE + f"source_texts/{document.id}.yml"
        assert _edit_button(built_site, f"{document.id}/index.html") == sidecar
        for clause in document.clauses:
            assert _edit_button(built_site, f"{document.id}/{clause.id}.html") == sidecar


def test_no_edit_link_points_at_a_file_that_does_not_exist(built_site: Build) -> None:
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) > 20
    linked = 0
    for page in pages:
        href = _edit_button(built_site, page.relative_to(built_site.site).as_posix())
        if href is None:
            continue
        assert href.startswith(EDIT_BASE), (page, href)
        assert (ROOT / href.removeprefix(EDIT_BASE)).is_file(), f"{page.name}: edit link to a missing file {href}"
        linked += 1
    # The tag index, like the print page, is made from every note at once: no one file to edit.
    assert linked >= len(pages) - 4, "all but special pages (404, print, tags) have an edit link"


def test_every_note_links_to_its_own_file_and_shows_its_provenance(built_site: Build) -> None:
    assert EDITION.notes
    for note in EDITION.notes:
        page = built_site.html(f"{note.target.document}/{note.target.clause}.html")
        article = page.select_one(f'article.ae-note[data-note="{note.slug}"]')
        relative = note.path.relative_to(ROOT).as_posix()
        assert article.select_one("a.ae-edit-note")["href"] == EDIT_BASE + relative
        meta = article.select_one(".ae-note__meta")
        assert [a.strip() for a in meta.get_text().removeprefix("By ").split("·")[0].split(",")] == [
            a.name for a in note.authors]
        assert meta.time["datetime"] == note.date
        assert len(article.select(".ae-sources li")) == len(note.sources) >= 1


def test_edit_links_follow_the_environment_for_a_fork(project: Path) -> None:
    fork = "https://github.com/someone/fork/edit/trunk/docs/"
    build = run_mkdocs_build(project, env={"EDITION_EDIT_URI": fork})
    assert build.ok, build.output
    assert _edit_button(build, "index.html") == fork + "index.md"
    assert _edit_button(build, "singapore-2018/point-3.html") == "https://github.com/someone/fork/edit/trunk/source_texts/singapore-2018.yml"
    note = build.html("singapore-2018/point-3.html").select_one("a.ae-edit-note")
    assert note["href"].startswith(fork + "commentary/singapore-2018/point-3/")


def test_no_page_refers_to_a_repository_api(built_site: Build) -> None:
    """No repo_url: with one on GitHub, Material would fetch repository stats at page view."""
    page = built_site.html("index.html")
    assert page.select_one('[data-md-component="source"]') is None


def test_the_guide_page_is_contributing_md_with_site_links(built_site: Build) -> None:
    page = built_site.html("contributing.html")
    assert page.h1.get_text(strip=True).startswith("Contributing commentary")
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in page.select("article a[href]")}
    assert hrefs["Data formats"] == "data-formats.html"
    schema_link = hrefs["the note schema"]
    assert schema_link == "schemas/note.schema.json"
    published = json.loads((built_site.site / schema_link).read_text(encoding="utf-8"))
    assert published == json.loads((SCHEMA_DIR / "note.schema.json").read_text(encoding="utf-8"))
    assert (built_site.site / "schemas/common.schema.json").is_file(), "the note schema's $ref target ships too"
    nav = [a.get_text(strip=True) for a in built_site.html("index.html").select(".md-nav--primary .md-nav__link")]
    assert "Contributing" in nav


def test_a_guide_link_the_site_cannot_serve_fails_the_build(project: Path) -> None:
    guide = project / "CONTRIBUTING.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nSee [the Makefile](Makefile).\n", encoding="utf-8")
    build = run_mkdocs_build(project)
    assert not build.ok
    assert "CONTRIBUTING.md:" in build.output and "'Makefile' points at a file the site does not publish" in build.output


def test_clause_pages_show_the_command_to_add_a_note(built_site: Build) -> None:
    page = built_site.html("panmunjom-2018/article-3.4.html")
    line = page.select_one(".ae-contribute")
    assert line.code.get_text() == "make note TARGET=panmunjom-2018/article-3.4"
    assert line.a["href"] == "../contributing.html"

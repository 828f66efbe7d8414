"""Hostile notes in a real build: sanitized, reported by name, text kept; bad URLs refused.

The browser half (tests/browser/test_hostile_notes.py) opens the same site in Chromium.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, copy_project, run_mkdocs_build
from hostile_corpus import BODY, FRONT_MATTER, HOSTILE_DOCUMENT, REJECTED, build_hostile_project

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import check_edition
from annotated_edition.tools.link_check import check_site

_DISALLOWED_IN_NOTES = "script, style, iframe, object, embed, form, input, button, svg, math, img, base, meta, link, template"


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _clause_page(build: Build, clause: str) -> BeautifulSoup:
    return build.html(f"{HOSTILE_DOCUMENT}/{clause}.html")


def _warned_notes(output: str) -> set[str]:
    return set(re.findall(r"docs/commentary/[^:\s]+/(xss-[a-z0-9]+)\.md:\d+:\d+: warning: removed", output))


def test_every_removal_is_a_warning_that_names_the_note(hostile_build: tuple[Build, dict[str, str]]) -> None:
    build, placed = hostile_build
    warned = _warned_notes(build.output)
    expected = {v.slug for v in BODY if v.removed}
    assert expected - warned == set(), "removed without a warning"
    assert warned - expected == set(), "warned about notes that needed no change"
    for vector in BODY:
        if vector.removed:
            path = f"docs/commentary/{HOSTILE_DOCUMENT}/{placed[vector.slug]}/{vector.slug}.md"
            assert re.search(rf"{re.escape(path)}:\d+:1: warning: removed unsafe or unsupported HTML", build.output)


def test_the_strict_build_refuses_hostile_notes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    build_hostile_project(project, [v for v in BODY if v.id in ("b01", "b06", "b17")])
    build = run_mkdocs_build(project)
    assert not build.ok
    assert "Aborted with 3 warnings in strict mode" in build.output or "in strict mode" in build.output
    assert "Traceback" not in build.output


def test_no_note_region_contains_a_disallowed_element_or_attribute(hostile_build: tuple[Build, dict[str, str]]) -> None:
    build, placed = hostile_build
    pages = {f"{HOSTILE_DOCUMENT}/{clause}.html" for clause in placed.values()}
    pages |= {"index.html", f"{HOSTILE_DOCUMENT}/index.html", "print.html"}
    found = []
    for page in sorted(pages):
        soup = build.html(page)
        for region in soup.select(".ae-note, .ae-popover, .ae-endnote, .ae-newest"):
            found += [f"{page}: <{e.name}>" for e in region.select(_DISALLOWED_IN_NOTES)]
            for element in region.find_all(True):
                for name, value in element.attrs.items():
                    text = " ".join(value) if isinstance(value, list) else value
                    if name.lower().startswith("on") or name in ("style", "srcdoc", "target", "formaction"):
                        found.append(f"{page}: <{element.name} {name}>")
                    if name in ("href", "src", "cite", "action") and re.match(r"\s*(javascript|data|vbscript):", text, re.I):
                        found.append(f"{page}: <{element.name} {name}={text!r}>")
                    if name == "id" and not text.startswith(("note-", "pop-")):
                        found.append(f"{page}: <{element.name} id={text!r}>")
    assert found == []


def test_the_hostile_site_has_no_broken_or_unsafe_link(hostile_build: tuple[Build, dict[str, str]]) -> None:
    build, _ = hostile_build
    report = check_site(build.site)
    assert report.ok, report.describe()


def test_text_around_removed_markup_is_kept(hostile_build: tuple[Build, dict[str, str]]) -> None:
    build, placed = hostile_build
    for vector in BODY:
        article = _clause_page(build, placed[vector.slug]).select_one(f'article.ae-note[data-note="{vector.slug}"]')
        text = article.select_one(".ae-note__body").get_text()
        assert f"Vector {vector.id}:" in text and f"Last paragraph of {vector.id}." in text
        if vector.literal:
            assert vector.literal in text, vector


def _front_matter_text(article: BeautifulSoup, heading: BeautifulSoup, field: str) -> list[str]:
    if field == "title":
        return [heading.get_text()]
    if field == "author":
        return [article.select_one(".ae-note__meta").get_text()]
    if field == "author_url":
        return [a["href"] for a in article.select(".ae-note__meta a")]
    if field == "source_title":
        return [cite.get_text() for cite in article.select(".ae-sources cite")]
    if field == "publisher":
        return [li.get_text() for li in article.select(".ae-sources li")]
    if field == "source_url":
        links = article.select(".ae-sources a.ae-source-url")
        return [a["href"] for a in links] + [a.get_text() for a in links]
    raise AssertionError(field)


@pytest.mark.parametrize("vector", FRONT_MATTER, ids=[v.id for v in FRONT_MATTER])
def test_front_matter_strings_come_out_exactly_as_typed(hostile_build: tuple[Build, dict[str, str]], vector) -> None:
    build, placed = hostile_build
    page = _clause_page(build, placed[vector.slug])
    article = page.select_one(f'article.ae-note[data-note="{vector.slug}"]')
    heading = page.find(id=f"note-{vector.slug}")
    shown = [_normalized(text) for text in _front_matter_text(article, heading, vector.field)]
    assert any(_normalized(vector.payload) in text for text in shown), shown
    # Nothing the string carries became markup: the heading holds only its permalink.
    assert article.select("script, img, svg, iframe") == []
    assert [(e.name, e.get("class")) for e in heading.find_all(True)] == [("a", ["headerlink"])]
    if vector.field == "title":
        toc_entry = page.select_one(f'nav.md-nav--secondary a[href="#note-{vector.slug}"]')
        assert _normalized(toc_entry.get_text()) == _normalized(vector.payload)


@pytest.mark.parametrize("vector", REJECTED, ids=[v.id for v in REJECTED])
def test_unsafe_addresses_are_refused_at_load(tmp_path: Path, vector) -> None:
    project = copy_project(tmp_path / "project")
    placed = build_hostile_project(project, [vector])
    edition, diagnostics = check_edition(edition_config_for(project))
    assert edition is None
    errors = [d for d in diagnostics.items if d.path.name == f"{vector.slug}.md"]
    assert errors, diagnostics.format(project)
    field = "url"
    assert any(field in d.message for d in errors), diagnostics.format(project)
    assert placed[vector.slug]


def test_the_build_stops_on_every_rejected_vector_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    build_hostile_project(project, REJECTED)
    build = run_mkdocs_build(project)
    assert not build.ok and "Traceback" not in build.output
    for vector in REJECTED:
        assert re.search(rf"{vector.slug}\.md:\d+:\d+: error: '(authors\[0\]|sources\[0\])\.url'", build.output), vector


def test_the_security_page_states_the_figures_of_this_corpus() -> None:
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    built = len(BODY) + len(FRONT_MATTER)
    assert f"XSS vectors tried: {built + len(REJECTED)}." in page
    assert f"{len(BODY)} sit in note bodies and {len(FRONT_MATTER)} in front-matter strings" in page
    assert f"all {built} are built" in page and f"{len(REJECTED)} more are front matter" in page
    assert f"| {built} vectors in one real site" in page
    assert "Broken links: 0." in page

"""The built site is reproducible byte for byte, and every link in it resolves.

Reproducible: two builds of the same sources, from two different folders (one with a space and
accents in its path) and with different hash seeds, but the same ``SOURCE_DATE_EPOCH``, give
identical files, the offline bundle included. The sitemap's dates (``site_url`` is set here so
the sitemap lists pages) follow ``SOURCE_DATE_EPOCH``.

Linked: the link checker (scripts/check_links.py) finds every internal link and fragment of the
real site resolving, and no link out of the site except in visible citations.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT, Build, copy_project, run_mkdocs_build

from annotated_edition.tools.bundle import write_offline_bundle
from annotated_edition.tools.link_check import check_site

EPOCH = 1_781_049_600  # 2026-06-10 00:00:00 UTC
SITE_URL = "https://edition.example/singapore-2018/"


def _with_site_url(project: Path) -> Path:
    config = project / "mkdocs.yml"
    config.write_text(f"site_url: {SITE_URL}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    return project


def _sitemap_dates(site: Path) -> set[str]:
    tree = ElementTree.parse(site / "sitemap.xml")
    return {element.text or "" for element in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def twin_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    base = tmp_path_factory.mktemp("twins")
    first = _with_site_url(copy_project(base / "first" / "project"))
    second = _with_site_url(copy_project(base / "second copy, é" / "project"))
    builds = (run_mkdocs_build(first, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "1"}),
              run_mkdocs_build(second, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "2"}))
    for build in builds:
        assert build.ok, build.output
    return builds


def test_two_builds_of_the_same_sources_are_byte_identical(twin_builds: tuple[Build, Build]) -> None:
    first, second = (_files(build.site) for build in twin_builds)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert len(first) > 50 and "sitemap.xml.gz" in first and "search/search_index.json" in first


def test_diff_r_agrees(twin_builds: tuple[Build, Build]) -> None:
    result = subprocess.run(["diff", "-r", str(twin_builds[0].site), str(twin_builds[1].site)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[:2000]


def test_the_offline_bundles_are_byte_identical(twin_builds: tuple[Build, Build], tmp_path: Path) -> None:
    archives = [write_offline_bundle(build.site, tmp_path / f"{index}.zip", "Edition").archive
                for index, build in enumerate(twin_builds)]
    assert archives[0].read_bytes() == archives[1].read_bytes()


def test_build_dates_come_from_source_date_epoch(twin_builds: tuple[Build, Build], tmp_path: Path) -> None:
    expected = datetime.fromtimestamp(EPOCH, timezone.utc).date().isoformat()
    assert _sitemap_dates(twin_builds[0].site) == {expected}
    with gzip.open(twin_builds[0].site / "sitemap.xml.gz") as packed:
        assert packed.read() == (twin_builds[0].site / "sitemap.xml").read_bytes()
    assert int.from_bytes((twin_builds[0].site / "sitemap.xml.gz").read_bytes()[4:8], "little") == EPOCH
    # Another epoch gives another date: the variable, not the clock, decides.
    later = run_mkdocs_build(_with_site_url(copy_project(tmp_path / "later")),
                             env={"SOURCE_DATE_EPOCH": str(EPOCH + 86_400 * 40)})
    assert later.ok, later.output
    assert _sitemap_dates(later.site) == {datetime.fromtimestamp(EPOCH + 86_400 * 40, timezone.utc).date().isoformat()}


def test_every_internal_link_and_fragment_of_the_real_site_resolves(built_site: Build) -> None:
    report = check_site(built_site.site)
    assert report.broken == [], report.describe()
    assert report.unsafe == [], report.describe()
    assert report.pages >= 30 and report.internal_links > 500 and report.fragments > 100
    assert report.id_references > 100 and report.external_citations > 0


def test_the_offline_build_links_out_only_in_citations(tmp_path: Path) -> None:
    """`make offline` builds without an edit address: no "Edit" links, only citations lead out."""
    build = run_mkdocs_build(copy_project(tmp_path / "project"), env={"EDITION_EDIT_URI": ""})
    assert build.ok, build.output
    report = check_site(build.site, offline=True)
    assert report.ok, report.describe()
    assert report.edit_links == 0 and report.external_citations > 0
    online = check_site(build.site)
    assert online.summary() == report.summary()


def test_the_link_checker_runs_from_the_command_line(built_site: Build) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_links.py"), str(built_site.site)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert "0 broken, 0 unsafe or outside citations" in result.stdout


def test_a_notes_own_links_work_on_every_page_that_shows_it(project: Path) -> None:
    """Footnotes, a link to a section of the note and a link to another clause, in a phrase
    note: they must resolve on the clause page, in the statement's popover and in print."""
    from broken_inputs import write_note

    write_note(project, body="Commits to an effort [@statement].[^1] See [below](#what-it-means) and [point 2](point-2.html#text)."
                             "\n\n## What it means\n\nMore.\n\n[^1]: A footnote.\n")
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    report = check_site(build.site)
    assert report.ok, report.describe()
    popover = build.html("singapore-2018/index.html").select_one('[id="pop-point-3-matrix-note"]')
    assert {a["href"] for a in popover.select("p a")} >= {"point-3.html#note-matrix-note-fn:1",
                                                         "point-3.html#note-matrix-note-what-it-means",
                                                         "point-3.html#note-matrix-note-src-statement"}
    endnote = build.html("print.html").select_one('li.ae-endnote[data-note="matrix-note"]')
    assert "singapore-2018/point-2.html#text" in {a["href"] for a in endnote.select(".ae-endnote__body a")}


def test_an_in_note_link_to_nothing_fails_the_strict_build_naming_the_note(project: Path) -> None:
    from broken_inputs import MATRIX_NOTE, write_note

    write_note(project, body="See [the part below](#no-such-part) [@statement].\n")
    build = run_mkdocs_build(project)
    assert not build.ok
    assert f"{MATRIX_NOTE}:15:1: warning: the link to '#no-such-part' in note 'matrix-note' matches no heading" \
        in build.output

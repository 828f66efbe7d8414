"""What keeps a large edition's pages small: a documents page instead of a nav entry per
document, and document pages the nav does not name kept out of it. Built for real, strictly,
from synthetic corpora (scripts/synthetic_corpus.py) of two sizes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Build, run_mkdocs_build

sys.path.insert(0, str(ROOT / "scripts"))
from synthetic_corpus import CorpusSize, document_id, write_corpus  # noqa: E402

SMALL = CorpusSize(documents=2, clauses=4, notes_per_clause=2)
LARGER = CorpusSize(documents=7, clauses=4, notes_per_clause=2)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    result = {}
    for name, size in (("small", SMALL), ("larger", LARGER)):
        project = write_corpus(tmp_path_factory.mktemp(name) / "project", size)
        timings = project / "timings.json"
        build = run_mkdocs_build(project, env={"ANNOTATED_EDITION_TIMINGS": str(timings)})
        assert build.ok, build.output
        result[name] = build
    return result


def _primary_nav_links(build: Build, page: str) -> list[str]:
    """The site-wide entries only (the current page's table of contents sits nested inside)."""
    items = build.html(page).select("nav.md-nav--primary > ul.md-nav__list > li.md-nav__item")
    return [item.find("a", class_="md-nav__link", recursive=False).get_text(" ", strip=True) for item in items]


def test_the_documents_page_lists_every_document_with_its_counts(builds: dict[str, Build]) -> None:
    page = builds["larger"].html("documents.html")
    rows = page.select("table.ae-documents tbody tr")
    assert [row["data-document"] for row in rows] == [document_id(i) for i in range(LARGER.documents)]
    first = rows[0].find_all("td")
    assert first[0].a["href"] == f"{document_id(0)}/index.html"
    assert first[0].get_text(strip=True) == "Instrument 0"
    assert first[2].get_text(strip=True) == f"{LARGER.clauses} clauses"
    assert first[3].get_text(strip=True) == f"{LARGER.clauses * LARGER.notes_per_clause} notes"
    for row in rows:  # every link leads to a page that was built
        assert (builds["larger"].site / row.a["href"]).is_file()


def test_the_nav_does_not_grow_with_the_corpus(builds: dict[str, Build]) -> None:
    for name in ("small", "larger"):
        for page in (f"{document_id(0)}/index.html", f"{document_id(0)}/article-1.html", "index.html"):
            assert _primary_nav_links(builds[name], page) == ["Home", "Documents"], (name, page)


def test_the_statement_page_is_the_same_size_in_a_larger_corpus(builds: dict[str, Build]) -> None:
    # Same document, same notes, same links: only the site name differs ("2 documents").
    small = (builds["small"].site / document_id(0) / "index.html").stat().st_size
    larger = (builds["larger"].site / document_id(0) / "index.html").stat().st_size
    assert abs(larger - small) / small < 0.01, (small, larger)


def test_document_pages_missing_from_an_explicit_nav_raise_no_warning(builds: dict[str, Build]) -> None:
    # The strict build passed with `omitted_files: warn` although no document page is in the nav.
    assert "not included in the \"nav\"" not in builds["larger"].output
    assert (builds["larger"].site / document_id(LARGER.documents - 1) / "index.html").is_file()


def test_the_plugin_reports_its_phase_timings_when_asked(builds: dict[str, Build]) -> None:
    report = json.loads((builds["larger"].project / "timings.json").read_text(encoding="utf-8"))
    assert set(report["phases"]) == {"load", "anchor", "link", "render", "export"}
    assert all(isinstance(v, float) and v >= 0 for v in report["phases"].values())
    assert report["total_s"] == pytest.approx(sum(report["phases"].values()), abs=1e-5)
    assert report["phases"]["load"] > 0 and report["phases"]["render"] > 0
    # + the documents page and the tag index (the synthetic notes carry tags)
    assert report["generated_pages"] == LARGER.documents * (LARGER.clauses + 1) + 2
    assert report["notes"] == LARGER.notes


def test_no_timings_file_without_the_variable(tmp_path: Path) -> None:
    project = write_corpus(tmp_path / "project", SMALL)
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    assert not list(project.glob("*.json"))


def test_a_print_page_the_nav_does_not_name_stays_out_of_it_quietly(tmp_path: Path) -> None:
    project = write_corpus(tmp_path / "project", SMALL, print_edition=True)
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    assert build.html("print.html").select_one("h1") is not None
    assert _primary_nav_links(build, "print.html") == ["Home", "Documents"]


def _paths(value, prefix=()):  # type: ignore[no-untyped-def]
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            yield from _paths(item, prefix + (index,))


@pytest.mark.parametrize(("name", "schema"), [("edition.json", "export-edition"),
                                              ("annotations.jsonld", "export-annotations")])
def test_the_fast_schema_check_agrees_with_jsonschema_on_real_exports(builds: dict[str, Build], name: str,
                                                                      schema: str) -> None:
    import copy
    import random

    from jsonschema import Draft202012Validator

    from annotated_edition.sources.schema_check import schema_registry, fast_check, load_schema
    data = json.loads((builds["small"].site / "data" / name).read_text(encoding="utf-8"))
    fast = fast_check(schema)
    slow = Draft202012Validator(load_schema(schema), registry=schema_registry())
    assert fast is not None and fast(data) and slow.is_valid(data)
    # One change at a time, anywhere in the file: both must give the same answer.
    chooser = random.Random(8)
    paths = [p for p in _paths(data) if p]
    for path in chooser.sample(paths, min(100, len(paths))):
        for replacement in (None, "", 0, -1, True, [], {}, "x y", [None], "__delete__"):
            changed = copy.deepcopy(data)
            parent = changed
            for part in path[:-1]:
                parent = parent[part]
            if replacement == "__delete__":
                if isinstance(parent, dict):
                    del parent[path[-1]]
                else:
                    parent.pop(path[-1])
            else:
                parent[path[-1]] = replacement
            assert fast(changed) == slow.is_valid(changed), (path, replacement)

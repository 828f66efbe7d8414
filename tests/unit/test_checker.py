"""`python -m annotated_edition check`: every error class at its exact path:line:column, every
problem in one run, PATHS narrowing the report, exit statuses, and no MkDocs involved."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from note_breakages import BREAKAGES, DIAGNOSTIC, NOTE_REL, Breakage, fingerprint, problem_lines, write_good_note

from annotated_edition.tools.cli import main


def run_check(project: Path, *paths: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--root", str(project), "check", *paths], out=out, err=out)
    return code, out.getvalue()


def hint_after(output: str, first_line: str) -> str:
    """The indented lines that follow one diagnostic line."""
    lines = output.splitlines()
    start = lines.index(first_line) + 1
    hint = []
    for line in lines[start:]:
        if not line.startswith("    "):
            break
        hint.append(line[4:])
    return "\n".join(hint)


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    write_good_note(project)
    return project


def test_the_good_fixture_note_passes(fixture_project: Path) -> None:
    code, output = run_check(fixture_project)
    assert code == 0, output
    assert problem_lines(output) == []
    assert output.strip().startswith("No problems")


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_each_error_class_is_reported_at_its_exact_place(fixture_project: Path, breakage: Breakage) -> None:
    breakage.apply(fixture_project)
    before = fingerprint(fixture_project)
    code, output = run_check(fixture_project)
    assert code == 1, output
    lines = problem_lines(output)
    assert len(lines) == 1, output
    assert lines[0].startswith(breakage.location), output
    assert breakage.message in lines[0]
    hint = hint_after(output, lines[0])
    for fragment in breakage.hint:
        assert fragment in hint, output
    assert output.splitlines()[-1].startswith("1 problem in 1 file")
    assert fingerprint(fixture_project) == before, "a check must never modify its sources"


def test_every_problem_is_reported_in_one_run(fixture_project: Path) -> None:
    applied = [b for b in BREAKAGES if b.name in {"duplicate_slug", "unknown_target"}]
    for breakage in applied:
        breakage.apply(fixture_project)
    other = fixture_project / "docs/commentary/singapore-2018/point-4/second.md"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text("---\ntarget: singapore-2018/point-4\ntitle: x\n---\nBody.\n", encoding="utf-8")
    code, output = run_check(fixture_project)
    assert code == 1
    reported = problem_lines(output)
    for breakage in applied:
        assert any(line.startswith(breakage.location) for line in reported), output
    second = [line for line in reported if line.startswith("docs/commentary/singapore-2018/point-4/second.md:")]
    assert {DIAGNOSTIC.match(line)["message"] for line in second} == {
        "missing required field 'authors'", "missing required field 'date'", "missing required field 'sources'"}
    assert output.splitlines()[-1].startswith(f"{len(reported)} problems in 3 files")


def test_a_problem_in_a_source_text_is_reported_with_its_file(fixture_project: Path) -> None:
    sidecar = fixture_project / "source_texts/singapore-2018.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("  - id: point-4\n", "  - id: point-2\n", 1),
                       encoding="utf-8")
    code, output = run_check(fixture_project)
    assert code == 1
    assert any(line.startswith("source_texts/singapore-2018.yml:") and "duplicate clause id 'point-2'" in line
               for line in problem_lines(output)), output


def test_paths_narrow_the_report_but_not_what_is_loaded(fixture_project: Path) -> None:
    by_name = {b.name: b for b in BREAKAGES}
    by_name["duplicate_slug"].apply(fixture_project)          # reported on point-3/…
    by_name["empty_body"].apply(fixture_project)              # reported on point-2/…
    code, output = run_check(fixture_project, str(fixture_project / "docs/commentary/singapore-2018/point-2"))
    assert code == 1
    assert [line.split(":")[0] for line in problem_lines(output)] == [NOTE_REL]
    assert "1 more in files not asked about" in output.splitlines()[-1]

    code, output = run_check(fixture_project, str(fixture_project / "source_texts"))
    assert code == 0, "problems outside the requested paths do not fail the check"
    assert problem_lines(output) == []
    assert "2 more in files not asked about" in output


def test_a_missing_path_is_a_usage_error(fixture_project: Path) -> None:
    code, output = run_check(fixture_project, str(fixture_project / "docs/no-such-note.md"))
    assert code == 2
    assert "no such file or folder" in output


def test_the_real_corpus_passes_the_check() -> None:
    """`make test` runs the checker on the real edition: a broken note fails the suite."""
    result = subprocess.run([sys.executable, "-m", "annotated_edition", "check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No problems"), result.stdout


def test_check_never_imports_mkdocs(fixture_project: Path) -> None:
    """Checking is the engine alone: no site is built, and MkDocs is not even loaded."""
    code = ("import sys; from annotated_edition.tools.cli import main; rc = main(['check']); "
            "assert not any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules), 'mkdocs imported'; "
            "sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], cwd=fixture_project, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (fixture_project / "site").exists()


def test_check_finds_the_project_from_a_subfolder(fixture_project: Path) -> None:
    BREAKAGES[0].apply(fixture_project)
    folder = fixture_project / "docs/commentary"
    result = subprocess.run([sys.executable, "-m", "annotated_edition", "check", "singapore-2018"], cwd=folder,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
    assert result.returncode == 1
    # Paths are shown relative to the project root, whatever folder the check ran from.
    assert result.stdout.startswith(BREAKAGES[0].location), result.stdout


def test_paths_convert_only_the_notes_asked_about_and_fill_the_shared_cache(fixture_project: Path) -> None:
    """`make check PATHS=note.md` converts that note alone; a full check converts the rest, into
    the same store the build reads (notes/cache.py)."""
    import sqlite3

    from annotated_edition.notes.cache import DEFAULT_CACHE_DIR, NoteCache

    database = NoteCache(fixture_project / DEFAULT_CACHE_DIR).path
    code, output = run_check(fixture_project, str(fixture_project / NOTE_REL))
    assert code == 0, output

    def rows() -> int:
        connection = sqlite3.connect(database)
        try:
            return connection.execute("SELECT count(*) FROM notes").fetchone()[0]
        finally:
            connection.close()

    assert rows() == 1
    code, output = run_check(fixture_project)
    assert code == 0, output
    assert rows() == len(list((fixture_project / "docs" / "commentary").rglob("*.md")))

"""Every error class a contributor can make fails a real `mkdocs build --strict`, with the very
lines `make check` prints, and neither the check nor the build touches a source file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, run_mkdocs_build
from note_breakages import BREAKAGES, Breakage, fingerprint, problem_lines, write_good_note


def _check_output(project: Path) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "annotated_edition", "check"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_each_error_class_fails_the_strict_build(tmp_path: Path, breakage: Breakage) -> None:
    project = copy_project(tmp_path / "project")
    write_good_note(project)
    breakage.apply(project)
    before = fingerprint(project)

    code, checked = _check_output(project)
    assert code == 1
    [line] = problem_lines(checked)
    assert line.startswith(breakage.location)

    build = run_mkdocs_build(project)
    assert not build.ok
    logged = build.output.splitlines()
    # The build logs each line of the checker's report, hint included, as an error.
    report = checked.splitlines()[:-1]
    for expected in report:
        assert any(entry.startswith("ERROR") and entry.endswith(expected) for entry in logged), (expected, build.output)
    assert "Traceback" not in build.output
    assert fingerprint(project) == before, "neither a check nor a build may modify the sources"

"""A cold build converts note bodies while the edition loads (render/early_conversion.py,
started by the adapter): the site is byte for byte the one a build without the workers
publishes, and a warm build starts none."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import copy_project, run_mkdocs_build

EARLY = "render.note_early"  # the plugin's timing of taking in what the workers converted


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _details(timings: Path) -> dict[str, float]:
    return json.loads(timings.read_text(encoding="utf-8")).get("details", {})


def test_a_cold_build_converts_early_and_publishes_the_same_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert len(list((project / "docs" / "commentary").rglob("*.md"))) >= 32, "enough notes for the workers"
    timings = tmp_path / "timings.json"
    env = {"SOURCE_DATE_EPOCH": "1700000000", "ANNOTATED_EDITION_TIMINGS": str(timings)}

    early = run_mkdocs_build(project, "-d", str(tmp_path / "early"), env={**env, "ANNOTATED_EDITION_WORKERS": "2"})
    assert early.ok, early.output
    assert EARLY in _details(timings), "the workers converted while the edition loaded"
    warm = run_mkdocs_build(project, "-d", str(tmp_path / "warm"), env={**env, "ANNOTATED_EDITION_WORKERS": "2"})
    assert warm.ok, warm.output
    assert EARLY not in _details(timings), "a warm cache starts no workers"

    alone = copy_project(tmp_path / "alone")
    single = run_mkdocs_build(alone, "-d", str(tmp_path / "single"), env={**env, "ANNOTATED_EDITION_WORKERS": "1"})
    assert single.ok, single.output
    assert EARLY not in _details(timings)
    assert _files(tmp_path / "early") == _files(tmp_path / "single") == _files(tmp_path / "warm")

"""Every class of bad input (tests/broken_inputs.py), through the engine, the contributor's
checker and a real strict build.

An input that cannot make an edition gives a clear error naming its file, from the engine
(``check_edition``), from ``python -m annotated_edition check`` and from
``mkdocs build --strict`` alike, never a traceback, and the build leaves its sources untouched. An input that is only unusual (BOM, CRLF, spaces and accents in
the project's path) builds, and publishes the text unchanged.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from broken_inputs import CASES, BrokenInput
from conftest import ROOT, Build, copy_project, run_mkdocs_build

from annotated_edition import edition_config_for
from annotated_edition.diagnostics import Diagnostics
from annotated_edition.sources.edition import check_edition, load_edition
from annotated_edition.model import Edition

REFERENCE = load_edition(edition_config_for(ROOT))


@dataclass
class Outcome:
    project: Path
    edition: Edition | None
    diagnostics: Diagnostics
    check_seconds: float
    build: Build
    checker: subprocess.CompletedProcess[str]
    fingerprint_before: dict[str, str]
    fingerprint_after: dict[str, str]


def _fingerprint(project: Path) -> dict[str, str]:
    found = {}
    for folder in ("docs", "source_texts"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                found[str(path.relative_to(project))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _prepare(base: Path, case: BrokenInput) -> tuple[Path, Edition | None, Diagnostics, float]:
    project = copy_project(base / case.id / case.project_name)
    case.apply(project)
    started = time.perf_counter()
    edition, diagnostics = check_edition(edition_config_for(project))
    return project, edition, diagnostics, time.perf_counter() - started


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every case, checked by the engine here and built by MkDocs in parallel subprocesses."""
    base = tmp_path_factory.mktemp("broken")
    prepared = {case.id: _prepare(base, case) for case in CASES}
    before = {case_id: _fingerprint(p[0]) for case_id, p in prepared.items()}
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        builds = dict(zip(prepared, pool.map(lambda item: run_mkdocs_build(item[0]), prepared.values())))
        checks = dict(zip(prepared, pool.map(lambda item: _run_checker(item[0]), prepared.values())))
    return {case_id: Outcome(project, edition, diagnostics, seconds, builds[case_id], checks[case_id],
                             before[case_id], _fingerprint(project))
            for case_id, (project, edition, diagnostics, seconds) in prepared.items()}


def _run_checker(project: Path) -> subprocess.CompletedProcess[str]:
    """The contributor's command, as `make check` runs it."""
    return subprocess.run([sys.executable, "-m", "annotated_edition", "--root", str(project), "check"],
                          cwd=project, capture_output=True, text=True, timeout=600)


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _check_note_rendered(outcome: Outcome) -> None:
    page = outcome.build.html("singapore-2018/point-3.html")
    article = page.select_one('article.ae-note[data-note="matrix-note"]')
    body = article.select_one(".ae-note__body")
    assert [_normalized(p.get_text()) for p in body.find_all("p")] == [
        "The matrix note's body [1]: commits to an effort, not an outcome.", "A second paragraph."]
    assert body.em.get_text() == "commits"
    statement = outcome.build.html("singapore-2018/index.html")
    assert statement.select_one('mark.ae-phrase[data-note="matrix-note"]').get_text() == \
        "work toward complete denuclearization"


def _check_statement_intact(outcome: Outcome) -> None:
    assert outcome.edition is not None
    document = outcome.edition.documents["singapore-2018"]
    on_disk = (outcome.project / "source_texts/singapore-2018.en.txt").read_bytes().decode("utf-8")
    assert document.text == on_disk.removeprefix("\ufeff"), "the text must be exactly the file's"
    statement = outcome.build.html("singapore-2018/index.html")
    for reference in REFERENCE.documents["singapore-2018"].clauses:
        clause = document.clause(reference.id)
        assert clause.text.replace("\r\n", "\n") == reference.text
        block = statement.select_one(f"section#{reference.id} .ae-clause__text")
        rendered = [_normalized(p.get_text()) for p in block.find_all("p")]
        expected = [_normalized(p) for p in reference.text.split("\n\n")]
        assert rendered == expected, reference.id


def _check_no_crossrefs(outcome: Outcome) -> None:
    assert outcome.edition is not None and outcome.edition.crossrefs == ()
    assert outcome.build.html("singapore-2018/point-3.html").select(".ae-clause-links a") == []


_CHECKS = {"note-rendered": _check_note_rendered, "statement-intact": _check_statement_intact,
           "no-crossrefs": _check_no_crossrefs}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_reported_clearly_or_handled(outcomes: dict[str, Outcome], case: BrokenInput) -> None:
    outcome = outcomes[case.id]
    build = outcome.build
    checker = outcome.checker
    assert "Traceback" not in build.output and "Traceback" not in checker.stdout + checker.stderr
    assert outcome.fingerprint_after == outcome.fingerprint_before, "a build must never modify its sources"
    if case.outcome == "ok":
        assert outcome.edition is not None, outcome.diagnostics.format(outcome.project)
        assert build.ok, build.output
        assert checker.returncode == 0 and checker.stdout.startswith("No problems"), checker.stdout + checker.stderr
        for check in case.checks:
            _CHECKS[check](outcome)
        return
    assert outcome.edition is None
    named = [d for d in outcome.diagnostics.items if d.severity == "error"
             if d.format(outcome.project).startswith(f"{case.path}:{d.line}:{d.column}: error:")]
    assert named, outcome.diagnostics.format(outcome.project)
    explained = "\n".join(d.format(outcome.project) for d in named)
    for fragment in case.fragments:
        assert fragment in explained, explained
    assert not build.ok
    assert re.search(rf"^.*{re.escape(case.path)}:\d+:\d+: error: ", build.output, re.M), build.output
    for fragment in case.fragments:
        assert fragment in build.output, build.output
    assert checker.returncode == 1
    assert re.search(rf"^{re.escape(case.path)}:\d+:\d+: error: ", checker.stdout, re.M), checker.stdout
    for fragment in case.fragments:
        assert fragment in checker.stdout, checker.stdout


def test_huge_inputs_are_refused_before_they_are_parsed(outcomes: dict[str, Outcome]) -> None:
    """Refusal costs no more than loading the real edition: compared in the same run."""
    started = time.perf_counter()
    check_edition(edition_config_for(outcomes["bom-note"].project))
    normal = time.perf_counter() - started
    for case_id in ("huge-note", "huge-text", "huge-sidecar", "alias-bomb"):
        assert outcomes[case_id].check_seconds < 20 * normal + 1.0, (case_id, outcomes[case_id].check_seconds, normal)


def test_the_matrix_covers_every_class_the_issue_names() -> None:
    classes = {case.input_class for case in CASES}
    assert classes >= {"syntax", "schema", "reference", "encoding", "BOM", "CRLF", "tabs", "invisible characters",
                       "empty file", "huge file", "symlink", "file name"}


def test_the_security_page_lists_every_case_and_counts_them() -> None:
    page = (ROOT / "docs/security.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|", page, re.M)
    assert rows == [case.id for case in CASES]
    classes = {case.input_class for case in CASES}
    assert f"Bad inputs tried: {len(CASES)}**, in {len(classes)} classes" in page

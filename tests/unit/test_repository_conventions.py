"""The repository's contributor conventions: workflows that are valid and do what
CONTRIBUTING.md says, actions pinned to exact versions, a problem matcher that understands the
checker's output, and a pull-request template."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@v\d+\.\d+\.\d+$")


def _load(name: str) -> dict[Any, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _on(workflow: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    return workflow.get("on", workflow.get(True))


def test_workflows_are_valid_against_the_github_actions_schema() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["publish.yml", "pull-request.yml"]
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_validation_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
                      .replace("runs-on:", "runs_on:"), encoding="utf-8")
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_every_action_is_pinned_to_an_exact_version(name: str) -> None:
    uses = [step["uses"] for step in _steps(_load(name)) if "uses" in step]
    assert uses
    for action in uses:
        assert PINNED.match(action), f"{name}: {action} is not pinned to vX.Y.Z"


def test_pull_request_workflow_checks_tests_builds_and_uploads_the_site() -> None:
    workflow = _load("pull-request.yml")
    assert "pull_request" in _on(workflow)
    steps = _steps(workflow)
    runs = [step.get("run", "") for step in steps]
    order = [runs.index(command) for command in ("make install", "make check", "make test", "make site")]
    assert order == sorted(order), "install, check, test, then the strict build"
    matcher = next(r for r in runs if "::add-matcher::" in r)
    assert order[1] > runs.index(matcher), "the problem matcher is registered before the check"
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert workflow["permissions"] == {"contents": "read"}


def test_publish_workflow_deploys_main_to_pages() -> None:
    workflow = _load("publish.yml")
    assert _on(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    build_runs = [step.get("run", "") for step in build["steps"]]
    assert build_runs.index("make check") < build_runs.index("make site")
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_make_site_is_the_strict_build() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site:.*\n\t(.+)$", makefile, re.M)
    assert recipe and "build --strict" in recipe.group(1)


def test_problem_matcher_reads_the_checkers_lines() -> None:
    matcher = json.loads((ROOT / ".github/problem-matchers/annotated-edition.json").read_text(encoding="utf-8"))
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    regexp = re.compile(pattern["regexp"])
    line = "docs/commentary/singapore-2018/point-2/a-note.md:3:8: error: quote not found in clause 'x': 'a: b'"
    match = regexp.match(line)
    assert match is not None
    assert match.group(pattern["file"]) == "docs/commentary/singapore-2018/point-2/a-note.md"
    assert (match.group(pattern["line"]), match.group(pattern["column"])) == ("3", "8")
    assert match.group(pattern["severity"]) == "error"
    assert match.group(pattern["message"]) == "quote not found in clause 'x': 'a: b'"
    assert regexp.match("    schema rule: note.schema.json required") is None, "hints are not problems"
    assert regexp.match("No problems (checked 2 documents and 3 notes in 0.02 s).") is None


def test_pull_request_template_asks_for_the_acceptance_points() -> None:
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", template, re.M)
    text = " ".join(boxes)
    for word in ("make check", "make serve", "neutral", "source", "own", "CC BY 4.0"):
        assert word in text, word

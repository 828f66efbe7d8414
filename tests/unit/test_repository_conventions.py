"""The repository's contributor conventions: workflows that are valid and do what
CONTRIBUTING.md says, actions pinned to exact versions, a problem matcher that understands the
checker's output, and a pull-request template."""

from __future__ import annotations

import json
import os
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
    assert [f.name for f in files] == ["preview.yml", "publish.yml", "pull-request.yml"]
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


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml", "preview.yml"])
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
    # Writing gh-pages; reading the Pages settings for the published address (site_url).
    assert workflow["permissions"] == {"contents": "write", "pages": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    site_step = next(s for s in build["steps"] if s.get("run") == "make site")
    assert site_step["env"]["EDITION_SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    build_runs = [step.get("run", "") for step in build["steps"]]
    assert build_runs.index("make check") < build_runs.index("make site")
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    publish = next(s for s in deploy["steps"] if s.get("uses", "").startswith("JamesIves/github-pages-deploy-action@"))
    # Publishing main must not wipe the pull requests' previews on the same branch.
    assert publish["with"]["branch"] == "gh-pages" and publish["with"]["clean-exclude"].rstrip("/") == "pr-preview"
    assert workflow["concurrency"]["group"] == _load("preview.yml")["concurrency"]["group"]


def test_every_pull_request_gets_a_preview_linked_in_one_comment() -> None:
    pull_request = _load("pull-request.yml")
    assert set(_on(pull_request)["pull_request"]["types"]) >= {"opened", "synchronize", "reopened", "closed"}
    assert "closed" in pull_request["jobs"]["check-test-build"]["if"]
    preview = _load("preview.yml")
    trigger = _on(preview)["workflow_run"]
    assert trigger["workflows"] == [pull_request["name"]] and trigger["types"] == ["completed"]
    steps = _steps(preview)
    deploys = [s for s in steps if s.get("uses", "").startswith("JamesIves/github-pages-deploy-action@")]
    assert [d["if"] for d in deploys] == ["steps.request.outputs.action == 'deploy'",
                                          "steps.request.outputs.action == 'remove'"]
    assert all(d["with"]["target-folder"] == "${{ steps.request.outputs.folder }}" for d in deploys)
    comments = [s for s in steps if s.get("uses", "").startswith("marocchino/sticky-pull-request-comment@")]
    assert len(comments) == 2 and {c["with"]["header"] for c in comments} == {"site-preview"}, "one comment, updated"
    assert "${{ steps.request.outputs.url }}" in comments[0]["with"]["message"]


def test_code_from_a_fork_never_runs_with_write_access() -> None:
    for name in ("pull-request.yml", "publish.yml", "preview.yml"):
        assert "pull_request_target" not in _on(_load(name)), name
    assert _load("pull-request.yml")["permissions"] == {"contents": "read"}
    preview = _load("preview.yml")
    steps = _steps(preview)
    # The privileged workflow checks nothing out and runs nothing from the pull request.
    assert not [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    runs = " ".join(s.get("run", "") for s in steps)
    for command in ("make", "python", "pip", "npm", "mkdocs", "bash request", "source"):
        assert f"{command} " not in runs.replace("mkdir", ""), command
    check = next(s for s in steps if s.get("id") == "request")
    assert "^[0-9]{1,7}$" in check["run"] and "head.sha" in check["run"] and "deploy|remove" in check["run"]
    assert preview["jobs"]["preview"]["if"].count("==") == 2  # only successful pull-request runs


def test_failed_steps_are_annotated() -> None:
    steps = _steps(_load("pull-request.yml"))
    annotate = next(s for s in steps if s.get("if") == "failure()")
    for step_id in ("install", "check", "test", "build"):
        assert any(s.get("id") == step_id for s in steps), step_id
        assert f"steps.{step_id}.outcome" in str(annotate["env"])
    assert annotate["run"].count("::error title=") == 4
    assert _load("pull-request.yml")["env"]["ANNOTATED_EDITION_ONE_LINE"] == "1"


def test_make_site_is_the_strict_build() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site:.*\n\t(.+)$", makefile, re.M)
    assert recipe and "build --strict" in recipe.group(1)


def _matcher(name: str, index: int = 0) -> tuple[re.Pattern[str], dict[str, Any]]:
    matcher = json.loads((ROOT / ".github/problem-matchers" / name).read_text(encoding="utf-8"))
    pattern = matcher["problemMatcher"][index]["pattern"][0]
    return re.compile(pattern["regexp"]), pattern


def test_problem_matcher_reads_the_checkers_lines() -> None:
    regexp, pattern = _matcher("annotated-edition.json")
    line = "docs/commentary/singapore-2018/point-2/a-note.md:3:8: error: quote not found in clause 'x': 'a: b'"
    match = regexp.match(line)
    assert match is not None
    assert match.group(pattern["file"]) == "docs/commentary/singapore-2018/point-2/a-note.md"
    assert (match.group(pattern["line"]), match.group(pattern["column"])) == ("3", "8")
    assert match.group(pattern["severity"]) == "error"
    assert match.group(pattern["message"]) == "quote not found in clause 'x': 'a: b'"
    assert regexp.match("    schema rule: note.schema.json required") is None, "hints are not problems"
    assert regexp.match("No problems (checked 2 documents and 3 notes in 0.02 s).") is None


def test_in_ci_the_hint_reaches_the_annotation(tmp_path: Path) -> None:
    """The checker's real output in CI's one-line form: the matcher's message holds the hint."""
    from conftest import copy_project
    from note_breakages import write_good_note
    project = copy_project(tmp_path / "project")
    note = write_good_note(project)
    note.write_text(note.read_text(encoding="utf-8").replace("target: singapore-2018/point-2",
                                                             "target: singapore-2018/point-7"), encoding="utf-8")
    environment = {**os.environ, "ANNOTATED_EDITION_ONE_LINE": "1"}
    result = subprocess.run([sys.executable, "-m", "annotated_edition", "check"], cwd=project, env=environment,
                            capture_output=True, text=True, timeout=120)
    regexp, pattern = _matcher("annotated-edition.json")
    [problem] = [m for line in result.stdout.splitlines() if (m := regexp.match(line))]
    message = problem.group(pattern["message"])
    assert message.startswith("unknown target 'singapore-2018/point-7' — how to fix: Did you mean: singapore-2018/point-2")
    # The build logs the same line through MkDocs' logger; the second matcher reads that form.
    build_regexp, build_pattern = _matcher("annotated-edition.json", 1)
    logged = f"ERROR    -  {problem.group(0)}"
    assert build_regexp.match(logged).group(build_pattern["message"]) == message


def test_pytest_failures_are_matched() -> None:
    regexp, pattern = _matcher("pytest.json")
    match = regexp.match("FAILED tests/unit/test_x.py::test_y[a-b] - AssertionError: assert 1 == 2")
    assert match and match.group(pattern["file"]) == "tests/unit/test_x.py"
    assert match.group(pattern["message"]) == "AssertionError: assert 1 == 2"
    assert regexp.match("tests/unit/test_x.py::test_y PASSED") is None


def test_pull_request_template_asks_for_the_acceptance_points() -> None:
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", template, re.M)
    text = " ".join(boxes)
    for word in ("make check", "make serve", "neutral", "source", "own", "CC BY 4.0"):
        assert word in text, word

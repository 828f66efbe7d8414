"""Shared fixtures: copies of the real project in tmp_path, real MkDocs builds, parsed HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "source_texts", "CONTRIBUTING.md")


@dataclass
class Build:
    """The outcome of one real ``mkdocs build`` run."""

    project: Path
    site: Path
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def html(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / relative).read_text(encoding="utf-8"), "html.parser")


def copy_project(destination: Path) -> Path:
    """A private copy of the real edition's inputs, for a test to build or to break."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    # npm packages installed at set-up time (the web-worker shim the site ships): linked, not copied.
    if (ROOT / "node_modules").is_dir():
        (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return destination


def run_mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> Build:
    site = project / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *extra],
        cwd=project, capture_output=True, text=True, env=environment, timeout=600,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build of the real project, shared by the read-only tests."""
    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    return build


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium that `make test` found (scripts/find-chromium). Never a silent skip."""
    path = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else "")
    if not path or not Path(path).exists():
        pytest.fail("No Chromium found: run the tests with `make test`, or set CHROMIUM=/path/to/chromium")
    return path


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, str]]:
    """The real project plus one note per XSS vector (tests/hostile_corpus.py), built without
    --strict (the sanitizer's warnings are expected); returns the build and slug → clause."""
    from hostile_corpus import BODY, FRONT_MATTER, build_hostile_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    placed = build_hostile_project(project, BODY + FRONT_MATTER)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site")],
                            cwd=project, capture_output=True, text=True, env=environment, timeout=600)
    build = Build(project, project / "site", result.returncode, result.stdout + result.stderr)
    assert build.ok, build.output
    return build, placed

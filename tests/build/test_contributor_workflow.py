"""CONTRIBUTING.md's steps, run literally in a copy of the project: set up, start a note with
the scaffold, check it, fill it in, preview it with `make serve`, build it strictly, and find it
on its clause page and counted on the statement page. Then the live preview's behaviour with
broken notes: the same error lines in the terminal, and a server that keeps answering."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project
from note_breakages import BREAKAGES, fingerprint, problem_lines, write_good_note

EDIT_BASE = "https://github.com/annotated-edition/singapore-2018/edit/main/"
STEPS_HEADING = "## From the terminal: add a note, step by step"
# What the tests below run, in order. If CONTRIBUTING.md's steps change, this must change too.
DOCUMENTED_STEPS = [
    "make install",
    'make note TARGET=singapore-2018/point-2 TITLE="A first note on point 2"',
    "make check",
    "make serve",
    "make site",
]
NEW_NOTE = "docs/commentary/singapore-2018/point-2/a-first-note-on-point-2.md"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _guide_section() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index(STEPS_HEADING)
    end = text.find("\n## ", start + len(STEPS_HEADING))
    return text[start:end if end > 0 else len(text)]


def _fenced_blocks(section: str, language: str) -> list[str]:
    pattern = re.compile(rf"^( *)```{language}\n(.*?)^\1```", re.M | re.S)
    return ["\n".join(line[len(m.group(1)):] for line in m.group(2).splitlines()) for m in pattern.finditer(section)]


def test_the_guide_documents_exactly_the_steps_these_tests_run() -> None:
    commands = [line for block in _fenced_blocks(_guide_section(), "sh") for line in block.splitlines() if line]
    assert commands == DOCUMENTED_STEPS


def _make_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")   # links node_modules/ from the real project
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, project / name)
            # Older than the install stamps, or `make` would reinstall the shared venv (or the
            # npm packages) from this temporary copy.
            os.utime(project / name, (0, 0))
    return project


def _environment(**extra: str) -> dict[str, str]:
    # Run `make` as a contributor would: not as a sub-make of `make test` (which would print
    # "Entering directory"), and without note variables left over in the environment.
    ignored = {"TARGET", "TITLE", "SLUG", "QUOTE", "AUTHOR", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEFILES"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update({
        "VENV": str(Path(sys.executable).parent.parent),
        "NO_MKDOCS_2_WARNING": "1",
        # As for a contributor without `git config user.name`: the guide's example output.
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    })
    env.update(extra)
    return env


def _run(command: str, project: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=project, env=_environment(**extra),
                          capture_output=True, text=True, timeout=300)


def _fill_in(path: Path, *, title: str | None = None) -> None:
    """Step 3 of the guide: a name, a source, and the body."""
    text = path.read_text(encoding="utf-8")
    text = text.replace('  - name: ""', '  - name: "Test Contributor"', 1)
    text = re.sub(r'^  - id: ""', '  - id: joint-statement', text, count=1, flags=re.M)
    text = text.replace('    title: ""', '    title: "Joint Statement"', 1)
    text = text.replace('    publisher: ""', '    publisher: "The White House"', 1)
    if title is not None:
        text = re.sub(r'^title: .*$', f'title: "{title}"', text, count=1, flags=re.M)
    text += "Point 2 speaks of a peace regime without naming its parties or its form [@joint-statement].\n"
    path.write_text(text, encoding="utf-8")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`make serve` in the background, its terminal output collected line by line."""

    def __init__(self, project: Path) -> None:
        self.port = _free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            ["bash", "-c", "make serve"], cwd=project, env=_environment(SERVE_ADDR=f"127.0.0.1:{self.port}"),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(_ANSI.sub("", line.rstrip("\n")))

    def output(self) -> str:
        return "\n".join(self.lines)

    def mark(self) -> int:
        return len(self.lines)

    def since(self, mark: int) -> list[str]:
        return self.lines[mark:]

    def get(self, path: str) -> tuple[int, str]:
        try:
            # As the guide says: open the server's root. MkDocs redirects it to the path of the
            # site's address (site_url), under which the pages are served.
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=10) as root:
                base = root.geturl()
            with urllib.request.urlopen(urllib.parse.urljoin(base, path), timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            return 0, ""

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process.poll() is None, f"the server exited while waiting for {what}:\n{self.output()}"
            time.sleep(0.25)
        pytest.fail(f"timed out waiting for {what}:\n{self.output()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self._reader.join(timeout=10)


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _page_has(server: Server, path: str, check: Callable[[BeautifulSoup], bool]) -> Callable[[], bool]:
    def condition() -> bool:
        status, html = server.get(path)
        return status == 200 and check(_soup(html))
    return condition


def _check_report(project: Path) -> list[str]:
    """What `make check` prints for the project as it is now, minus the summary line."""
    result = _run("make check", project)
    return result.stdout.splitlines()[:-1]


def _assert_terminal_shows(server: Server, mark: int, report: list[str]) -> None:
    """Every line of the checker's report, hint included, appears in the server's terminal."""
    assert report and problem_lines("\n".join(report)), report

    def shown() -> bool:
        logged = server.since(mark)
        return all(any(entry.endswith(expected) for entry in logged) for expected in report)
    server.wait_for(shown, "the checker's lines in the terminal")


def test_contributing_steps_from_scaffold_to_published_page(tmp_path: Path) -> None:
    project = _make_project(tmp_path)
    before = fingerprint(project)
    notes_on_point_2 = len(list((project / "docs/commentary/singapore-2018/point-2").glob("*.md")))
    install, note, check, serve, site = DOCUMENTED_STEPS

    result = _run(install, project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip install" not in result.stdout, "the shared venv must not be reinstalled from the copy"

    result = _run(note, project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == NEW_NOTE, "the scaffold prints the new file's path"
    path = project / NEW_NOTE
    assert f"date: {dt.date.today().isoformat()}" in path.read_text(encoding="utf-8")
    created = {NEW_NOTE}
    assert set(fingerprint(project)) - set(before) == created and all(
        fingerprint(project)[k] == v for k, v in before.items()), "the scaffold writes one new file, nothing else"

    # Straight after the scaffold, the check lists what is left to do, exactly as the guide shows.
    result = _run(check, project)
    assert result.returncode != 0
    [documented] = _fenced_blocks(_guide_section(), "text")
    assert result.stdout.splitlines()[:-1] == documented.splitlines()

    _fill_in(path)
    result = _run(check, project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("No problems")

    server = Server(project)
    try:
        server.wait_for(_page_has(server, "singapore-2018/point-2.html",
                                  lambda page: page.select_one('article[data-note="a-first-note-on-point-2"]') is not None),
                        "the new note on its clause page in the preview")
    finally:
        server.stop()
    assert serve == "make serve"

    result = _run(site, project)
    assert result.returncode == 0, result.stdout + result.stderr
    clause_page = _soup((project / "site/singapore-2018/point-2.html").read_text(encoding="utf-8"))
    article = clause_page.select_one('article[data-note="a-first-note-on-point-2"]')
    assert article is not None
    assert clause_page.find(id="note-a-first-note-on-point-2").get_text(strip=True).startswith("A first note on point 2")
    meta = article.select_one(".ae-note__meta")
    assert "Test Contributor" in meta.get_text() and meta.time["datetime"] == dt.date.today().isoformat()
    assert meta.select_one("a.ae-edit-note")["href"] == f"{EDIT_BASE}docs/{NEW_NOTE.removeprefix('docs/')}"
    assert [cite.get_text() for cite in article.select(".ae-sources cite")][-1] == "Joint Statement"
    assert "peace regime without naming its parties" in article.select_one(".ae-note__body").get_text()

    statement = _soup((project / "site/singapore-2018/index.html").read_text(encoding="utf-8"))
    block = statement.select_one("section#point-2")
    count = notes_on_point_2 + 1
    assert int(block["data-notes"]) == count
    assert block.select_one("a.ae-clause__page").get_text() == f"Commentary: {count} note{'s' if count > 1 else ''}"
    assert {k: v for k, v in fingerprint(project).items() if k != NEW_NOTE} == before, "the build rewrote a source"


def test_live_preview_survives_broken_notes_and_shows_the_checkers_lines(tmp_path: Path) -> None:
    project = _make_project(tmp_path)
    write_good_note(project)
    by_name = {b.name: b for b in BREAKAGES}
    by_name["quote_not_found"].apply(project)   # broken before the server even starts
    first_report = _check_report(project)

    server = Server(project)
    try:
        # 1. A broken note at start-up: the server starts anyway and says what is wrong.
        server.wait_for(lambda: server.get("index.html")[0] == 200, "the first page")
        _assert_terminal_shows(server, 0, first_report)
        status, html = server.get("singapore-2018/point-2.html")
        page = _soup(html)
        assert status == 200 and page.select_one(".ae-problems") is not None
        assert first_report[0] in page.select_one(".ae-problems pre").get_text()
        assert page.select_one('article[data-note="checker-fixture"]') is None, "the broken note is left out"

        # 2. Fixed: the banner goes, the note appears.
        write_good_note(project)
        server.wait_for(_page_has(server, "singapore-2018/point-2.html", lambda p: p.select_one(".ae-problems") is None
                                  and p.select_one('article[data-note="checker-fixture"]') is not None),
                        "the fixed note in the preview")

        # 3. Broken while running, each way a contributor can: same lines, server still up.
        for name in ("bad_yaml", "empty_body", "ambiguous_quote"):
            mark = server.mark()
            write_good_note(project)
            by_name[name].apply(project)
            report = _check_report(project)
            _assert_terminal_shows(server, mark, report)
            server.wait_for(_page_has(server, "index.html", lambda p: report[0] in p.get_text()),
                            f"the {name} problem on the preview's pages")

        # 4. A broken structure file cannot be previewed; the server keeps the last good site.
        write_good_note(project)
        sidecar = project / "source_texts/singapore-2018.yml"
        good_sidecar = sidecar.read_text(encoding="utf-8")
        mark = server.mark()
        sidecar.write_text(good_sidecar.replace("  - id: point-4\n", "  - id: point-2\n", 1), encoding="utf-8")
        report = _check_report(project)
        _assert_terminal_shows(server, mark, report)
        assert server.get("singapore-2018/point-2.html")[0] == 200
        sidecar.write_text(good_sidecar, encoding="utf-8")
        server.wait_for(_page_has(server, "singapore-2018/point-2.html", lambda p: p.select_one(".ae-problems") is None
                                  and p.select_one('article[data-note="checker-fixture"]') is not None),
                        "recovery after the structure file is fixed")
        assert server.process.poll() is None
    finally:
        server.stop()

#!/usr/bin/env python3
"""Benchmark the edition's build at several corpus sizes; print a table, or JSON with --json.

For each size, in a temporary folder: write a synthetic corpus (scripts/synthetic_corpus.py),
build it with MkDocs and the plugin, build the same pages with bare Material (the plugin's
generated Markdown written to disk, the plugin removed), and time the checker. Plugin builds
and checks are timed cold (the note cache, notes/cache.py, emptied first: ``build_s``,
``check_s``) and warm (the cache a cold run filled, and one note edited since:
``warm_build_s``, ``warm_check_s``). Builds are
interleaved (plugin, bare, plugin, bare, ...) so a change in the machine's load hits both
alike, and each figure is the median of ``--runs`` runs. Then, on a copy of the real site,
``mkdocs serve`` is started and one note edited a few times, against the same for the bare
copy. The plugin reports its own time per phase through the ANNOTATED_EDITION_TIMINGS file.

    python scripts/bench.py                 # 1x, 10x, 100x; 3 runs each; the table
    python scripts/bench.py --json          # the same, as one JSON object
    python scripts/bench.py --quick         # 1x and 2x, one run: a smoke test, well under a minute

Results and how to read them: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import re
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import CorpusSize, document_id, write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_NAME = "annotated-edition"
TIMINGS_ENV = "ANNOTATED_EDITION_TIMINGS"
PHASES = ("load", "anchor", "link", "render", "export")
BASE = CorpusSize(documents=2, clauses=20, notes_per_clause=2)
REAL_SITE_PARTS = ("mkdocs.yml", "docs", "source_texts", "CONTRIBUTING.md")  # as tests/conftest.py copies


# --- running and measuring one process ------------------------------------------------------

@dataclass
class ProcessResult:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> ProcessResult:
    """Run ``command``: wall-clock seconds, CPU seconds (user + system; less sensitive to other
    work on the machine than the wall clock) and the peak resident memory of that process alone."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return ProcessResult(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, output)


def compile_engine() -> None:
    """Write the engine's bytecode (``__pycache__``) before anything is timed, as pip does for
    every package it installs (MkDocs and Material among them). The engine is installed in
    editable mode, which pip never compiles, and Python writes bytecode on first import only
    where it may: with PYTHONDONTWRITEBYTECODE set (as on the machines these figures come from),
    every build compiled the engine's ninety modules from source, about 0.15 s of CPU against
    0.08 s from bytecode. A contributor's machine writes them on its first build; ``make
    install`` writes them too. Bare Material's modules are compiled either way. The engine's own
    templates are compiled as ``make install`` compiles them (render/template_cache.py); a cold
    build still compiles the theme's, as bare Material does on every build."""
    compileall.compile_dir(str(ROOT / "plugins"), quiet=1)
    subprocess.run([sys.executable, "-m", "annotated_edition.render.template_cache"], check=True,
                   capture_output=True)


CACHE_DIR = ".cache/annotated-edition"  # the plugin's default cache_dir (notes/cache.py)


def clear_cache(project: Path) -> None:
    """A cold build: nothing kept from an earlier run (converted notes, stored results, compiled templates)."""
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)


def edit_note(note: Path, mark: str) -> None:
    """One contributor's edit: a sentence appended, new each time, so the note is converted again."""
    with note.open("a", encoding="utf-8") as stream:
        stream.write(f"\nEdited for the benchmark ({mark}).\n")


def mkdocs_build(project: Path, timings: Path | None = None, site: str = "site") -> ProcessResult:
    env = {TIMINGS_ENV: str(timings)} if timings else {}
    result = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", site], project, env)
    if result.returncode != 0:
        raise SystemExit(f"bench: mkdocs build failed in {project}:\n{result.output}")
    return result


# --- the bare project: the plugin's pages, without the plugin --------------------------------

def _raw_plugins(config_file: Path) -> list[Any]:
    from mkdocs.utils.yaml import yaml_load
    with config_file.open(encoding="utf-8") as stream:
        raw = yaml_load(stream)
    return list(raw.get("plugins") or [])


def _is_our_plugin(entry: Any) -> bool:
    return entry == PLUGIN_NAME or (isinstance(entry, dict) and PLUGIN_NAME in entry)


def write_bare_project(project: Path, bare: Path) -> None:
    """Run the plugin's ``on_config`` and ``on_files`` as a build would, write every page it
    produces (and its placeholders filled in hand-written pages) as plain files, and a
    mkdocs.yml that inherits the project's and drops the plugin. Building that measures what
    Material costs for the very same pages."""
    import yaml
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    plugin = config.plugins[PLUGIN_NAME]
    docs = bare / "docs"
    for file in files:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.is_documentation_page():
            markdown = file.content_string if file.generated_by else Path(file.abs_src_path).read_text(encoding="utf-8")
            markdown = plugin.on_page_markdown(markdown, page=Page(None, file, config), config=config, files=files)
            target.write_text(markdown, encoding="utf-8")
        elif file.generated_by:
            target.write_bytes(file.content_bytes)
        else:
            shutil.copy2(file.abs_src_path, target)
    config.plugins.on_shutdown()
    settings = {
        "INHERIT": str((project / "mkdocs.yml").resolve()),
        "docs_dir": "docs",
        "plugins": [entry for entry in _raw_plugins(project / "mkdocs.yml") if not _is_our_plugin(entry)],
        "extra_css": list(config.extra_css),
        # Pages the plugin keeps out of the nav are, here, simply not named in it: say so quietly.
        "validation": {"omitted_files": "info"},
        "watch": [],
    }
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")


# --- the checker ------------------------------------------------------------------------------

def check_command(project: Path, documents: list[str]) -> list[str]:
    """The command-line checker, as `make check` runs it (``documents`` come from mkdocs.yml)."""
    return [sys.executable, "-m", "annotated_edition", "check"]


# --- one corpus size ------------------------------------------------------------------------------

def _site_bytes(site: Path) -> tuple[int, str, int]:
    """Total bytes, and the largest HTML page (path, bytes)."""
    total, largest, largest_bytes = 0, "", 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and size > largest_bytes:
                largest, largest_bytes = path.relative_to(site).as_posix(), size
    return total, largest, largest_bytes


_ARTICLE_START = '<article class="md-content__inner'


_VIEW_SWITCH = re.compile(r'<div class="ae-view"[^>]*>.*?</div>', re.S)


def _article(html: str) -> str:
    """A page's content: what the Markdown made, without the theme's frame and ``<head>``
    (where the plugin adds per-page ``<meta>`` tags that a bare build cannot have), nor the
    reading-view switch the plugin's main.html adds above an edition's text."""
    start = html.find(_ARTICLE_START)
    article = html[start:html.find("</article>", start)] if start >= 0 else html
    article = _VIEW_SWITCH.sub("", article, count=1)
    return " ".join(article.split())  # template blocks may leave different blank lines


def _differing_pages(site: Path, bare_site: Path) -> int:
    """How many pages' content differs between the two builds: 0 shows they built the same pages."""
    pages = {p.relative_to(site) for p in site.rglob("*.html")}
    bare_pages = {p.relative_to(bare_site) for p in bare_site.rglob("*.html")}
    return len(pages ^ bare_pages) + sum(
        _article((site / page).read_text(encoding="utf-8")) != _article((bare_site / page).read_text(encoding="utf-8"))
        for page in pages & bare_pages)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 4)


def bench_size(multiple: int, runs: int, workdir: Path, log: Any, print_edition: bool = False) -> dict[str, Any]:
    size = CorpusSize(BASE.documents * multiple, BASE.clauses, BASE.notes_per_clause)
    project = write_corpus(workdir / f"x{multiple}" / "project", size, print_edition)
    bare = workdir / f"x{multiple}" / "bare"
    write_bare_project(project, bare)
    timings_file = workdir / f"x{multiple}" / "timings.json"
    builds, bare_builds, plugin_totals, rss, checks = [], [], [], [], []
    warm_builds, warm_cpu, warm_rss, warm_checks, warm_totals = [], [], [], [], []
    check_cpu, warm_check_cpu = [], []
    build_cpu, bare_cpu, bare_rss = [], [], []
    details: dict[str, list[float]] = {}
    warm_details: dict[str, list[float]] = {}
    phases: dict[str, list[float]] = {name: [] for name in PHASES}
    documents = [document_id(index) for index in range(size.documents)]
    # The note a contributor edits between warm runs; restored after each run.
    edited = sorted((project / "docs" / "commentary").rglob("*.md"))[0]
    original = edited.read_bytes()
    for run in range(runs):
        print(f"  {multiple}x run {run + 1}/{runs}: plugin build (cold)", end="", file=log, flush=True)
        clear_cache(project)
        result = mkdocs_build(project, timings_file)
        builds.append(result.seconds)
        build_cpu.append(result.cpu_seconds)
        rss.append(result.peak_rss_mb)
        timings = json.loads(timings_file.read_text(encoding="utf-8"))
        plugin_totals.append(timings["total_s"])
        for name in PHASES:
            phases[name].append(timings["phases"].get(name, 0.0))
        for name, value in timings.get("details", {}).items():
            details.setdefault(name, []).append(value)
        print(f" {result.seconds:.2f}s; bare build", end="", file=log, flush=True)
        bare_result = mkdocs_build(bare)
        bare_builds.append(bare_result.seconds)
        bare_cpu.append(bare_result.cpu_seconds)
        bare_rss.append(bare_result.peak_rss_mb)
        # Warm: the cache the cold build filled, and one note edited since.
        edit_note(edited, f"build, run {run + 1}")
        print(f" {bare_builds[-1]:.2f}s; warm build", end="", file=log, flush=True)
        warm = mkdocs_build(project, timings_file, site="site-warm")
        warm_builds.append(warm.seconds)
        warm_cpu.append(warm.cpu_seconds)
        warm_rss.append(warm.peak_rss_mb)
        warm_timings = json.loads(timings_file.read_text(encoding="utf-8"))
        warm_totals.append(warm_timings["total_s"])
        for name, value in warm_timings.get("details", {}).items():
            warm_details.setdefault(name, []).append(value)
        print(f" {warm.seconds:.2f}s; check (cold)", end="", file=log, flush=True)
        edited.write_bytes(original)
        clear_cache(project)
        check = run_measured(check_command(project, documents), project)
        if check.returncode != 0:
            raise SystemExit(f"bench: the checker failed on the {multiple}x corpus:\n{check.output}")
        checks.append(check.seconds)
        check_cpu.append(check.cpu_seconds)
        edit_note(edited, f"check, run {run + 1}")
        print(f" {check.seconds:.2f}s; check (warm)", end="", file=log, flush=True)
        warm_check = run_measured(check_command(project, documents), project)
        edited.write_bytes(original)
        if warm_check.returncode != 0:
            raise SystemExit(f"bench: the checker failed on the {multiple}x corpus:\n{warm_check.output}")
        warm_checks.append(warm_check.seconds)
        warm_check_cpu.append(warm_check.cpu_seconds)
        print(f" {warm_check.seconds:.2f}s", file=log, flush=True)
    site = project / "site"
    site_bytes, largest, largest_bytes = _site_bytes(site)
    statement = site / document_id(0) / "index.html"
    build_s, bare_s = _median(builds), _median(bare_builds)
    build_cpu_s, bare_cpu_s = _median(build_cpu), _median(bare_cpu)
    return {
        "size": f"{multiple}x",
        "multiple": multiple,
        "documents": size.documents,
        "clause_pages": size.clause_pages,
        "notes": size.notes,
        "runs": runs,
        "print_edition": print_edition,
        "build_s": build_s,
        "bare_build_s": bare_s,
        "overhead": round((build_s - bare_s) / build_s, 4),
        "build_cpu_s": build_cpu_s,
        "bare_build_cpu_s": bare_cpu_s,
        "overhead_cpu": round((build_cpu_s - bare_cpu_s) / build_cpu_s, 4),
        "plugin_s": {"total": _median(plugin_totals),
                     "phases": {name: _median(values) for name, values in phases.items()},
                     "details": {name: _median(values) for name, values in details.items()}},
        "plugin_share": round(_median(plugin_totals) / build_s, 4),
        "ms_per_clause_page": round(1000 * build_s / size.clause_pages, 3),
        "check_s": _median(checks),
        "warm_build_s": _median(warm_builds),
        "warm_build_cpu_s": _median(warm_cpu),
        "warm_check_s": _median(warm_checks),
        "check_cpu_s": _median(check_cpu),
        "warm_check_cpu_s": _median(warm_check_cpu),
        "ratio": round(build_s / bare_s, 4),
        "warm_ratio": round(_median(warm_builds) / bare_s, 4),
        "ratio_cpu": round(build_cpu_s / bare_cpu_s, 4),
        "warm_ratio_cpu": round(_median(warm_cpu) / bare_cpu_s, 4),
        "warm_plugin_s": {"total": _median(warm_totals),
                          "details": {name: _median(values) for name, values in warm_details.items()}},
        "warm_peak_rss_mb": round(max(warm_rss), 1),
        "memory_ratio": round(max(rss) / max(bare_rss), 3),
        "peak_rss_mb": round(max(rss), 1),
        "bare_peak_rss_mb": round(max(bare_rss), 1),
        "pages_differing_from_bare": _differing_pages(site, bare / "site"),
        "statement_page_bytes": statement.stat().st_size,
        "largest_page": {"path": largest, "bytes": largest_bytes},
        "site_bytes": site_bytes,
        "all_builds_s": [round(v, 3) for v in builds],
        "all_bare_builds_s": [round(v, 3) for v in bare_builds],
        "all_warm_builds_s": [round(v, 3) for v in warm_builds],
        "all_checks_s": [round(v, 3) for v in checks],
        "all_warm_checks_s": [round(v, 3) for v in warm_checks],
    }


# --- mkdocs serve: rebuild after editing one note -------------------------------------------------

# MkDocs logs "Documentation built in X seconds" but drops a message it has logged before (its
# DuplicateFilter), so two rebuilds of the same length would look like one. Each rebuild is
# timed here instead, from the line announcing it to the line that follows it.
_REBUILD_STARTS = "Building documentation..."
_REBUILD_ENDS = "Reloading browsers"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Server:
    """``mkdocs serve`` in the background; its log lines collected as they come."""

    def __init__(self, project: Path) -> None:
        self.lines: list[str] = []
        self.arrivals: list[float] = []
        self.changed = threading.Condition()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{_free_port()}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            arrived = time.perf_counter()
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.arrivals.append(arrived)
                self.changed.notify_all()

    def build_times(self) -> list[float]:
        """Seconds of each rebuild so far: from its announcement to the browsers' reload."""
        times, started = [], None
        for line, arrived in zip(self.lines, self.arrivals):
            if _REBUILD_STARTS in line:
                started = arrived
            elif _REBUILD_ENDS in line and started is not None:
                times.append(round(arrived - started, 3))
                started = None
        return times

    def wait_for_builds(self, count: int, timeout: float = 120) -> list[float]:
        deadline = time.monotonic() + timeout
        with self.changed:
            while len(self.build_times()) < count:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("bench: mkdocs serve did not rebuild:\n" + "\n".join(self.lines))
                self.changed.wait(0.2)
            return self.build_times()

    def started(self, timeout: float = 120) -> bool:
        """Whether the server came up (False if it exited first)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not any("Serving on" in line for line in self.lines):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    return False
                self.changed.wait(0.2)
        return True

    def wait_for_serving(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not any("Serving on" in line for line in self.lines):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("bench: mkdocs serve did not start:\n" + "\n".join(self.lines))
                self.changed.wait(0.2)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serve_rebuilds(project: Path, edited: Path, edits: int) -> list[float]:
    """Start ``mkdocs serve``, edit ``edited`` ``edits`` times; the rebuild times it logs."""
    server = _Server(project)
    if not server.started():  # the free port we picked was taken meanwhile: once more, another port
        server.stop()
        server = _Server(project)
    try:
        server.wait_for_serving()
        builds = 0
        for number in range(edits):
            time.sleep(0.5)  # let the watcher settle, so each edit is one rebuild
            with edited.open("a", encoding="utf-8") as stream:
                stream.write(f"\nEdited for the benchmark, time {number + 1}.\n")
            builds = len(server.wait_for_builds(builds + 1))
        return server.build_times()
    finally:
        server.stop()


def bench_serve(workdir: Path, edits: int, log: Any) -> dict[str, Any]:
    """The real site: rebuild time in ``mkdocs serve`` after editing one note, against the bare
    copy's rebuild after editing the page that note appears on."""
    project = workdir / "real" / "project"
    project.mkdir(parents=True)
    for part in REAL_SITE_PARTS:
        source = ROOT / part
        if source.exists():
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
    if (ROOT / "node_modules").is_dir():  # npm packages the site ships (make install puts them there)
        (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    bare = workdir / "real" / "bare"
    write_bare_project(project, bare)
    note = sorted((project / "docs" / "commentary").rglob("*.md"))[0]
    document, clause = note.relative_to(project / "docs" / "commentary").parts[:2]
    print(f"  serve: editing {note.relative_to(project)} {edits} times", file=log, flush=True)
    with_plugin = serve_rebuilds(project, note, edits)
    bare_rebuilds = serve_rebuilds(bare, bare / "docs" / document / f"{clause}.md", edits)
    bare_build = [mkdocs_build(bare).seconds for _ in range(max(1, min(edits, 3)))]
    rebuild, bare_rebuild = _median(with_plugin), _median(bare_rebuilds)
    return {
        "site": "the real site (mkdocs.yml, docs/, source_texts/ of this checkout)",
        "edited": note.relative_to(project).as_posix(),
        "edits": edits,
        "rebuild_s": rebuild,
        "bare_rebuild_s": bare_rebuild,
        "ratio": round(rebuild / bare_rebuild, 3) if bare_rebuild else None,
        "bare_build_wall_s": _median(bare_build),
        "all_rebuilds_s": with_plugin,
        "all_bare_rebuilds_s": bare_rebuilds,
    }


# --- machine, versions, targets, table ------------------------------------------------------------

def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict[str, Any]:
    import yaml
    return {
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
    }


def versions() -> dict[str, str]:
    return {name: _version(name) for name in
            ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pyyaml", "jsonschema", "annotated-edition")}


def targets(runs: list[dict[str, Any]], serve: dict[str, Any] | None) -> dict[str, Any]:
    """Each target of the performance issue, with the measured value and whether it is met."""
    first, last = runs[0], runs[-1]
    result: dict[str, Any] = {
        "overhead_at_most_10_percent": {
            "measured": {run["size"]: run["overhead"] for run in runs},
            "met": all(run["overhead"] <= 0.10 for run in runs)},
        "time_per_clause_page_ratio_at_most_1.2": {
            "measured": round(last["ms_per_clause_page"] / first["ms_per_clause_page"], 3),
            "between": [first["size"], last["size"]]},
        "statement_page_ratio_at_most_1.1": {
            "measured": round(last["statement_page_bytes"] / first["statement_page_bytes"], 3),
            "between": [first["size"], last["size"]]},
        "check_under_5_s": {"measured": last["check_s"], "at": last["size"], "met": last["check_s"] < 5},
        "cold_build_at_most_1.2x_bare": {
            "measured": {run["size"]: run["ratio"] for run in runs},
            "met": all(run["ratio"] <= 1.2 for run in runs)},
        "warm_build_at_most_1.1x_bare": {
            "measured": {run["size"]: run["warm_ratio"] for run in runs},
            "met": all(run["warm_ratio"] <= 1.1 for run in runs)},
        "warm_check_under_1_s": {"measured": last["warm_check_s"], "at": last["size"],
                                 "met": last["warm_check_s"] < 1},
        "peak_memory_at_most_1.5x_bare": {"measured": last["memory_ratio"], "at": last["size"],
                                          "met": last["memory_ratio"] <= 1.5},
    }
    result["time_per_clause_page_ratio_at_most_1.2"]["met"] = result["time_per_clause_page_ratio_at_most_1.2"]["measured"] <= 1.2
    result["statement_page_ratio_at_most_1.1"]["met"] = result["statement_page_ratio_at_most_1.1"]["measured"] <= 1.1
    if len(runs) >= 3:
        # Marginal cost per page between the two largest sizes against the two smallest: the
        # fixed start-up cost cancels out, so this is the sharper test of linear growth.
        def marginal(a: dict[str, Any], b: dict[str, Any]) -> float:
            return (b["build_s"] - a["build_s"]) / (b["clause_pages"] - a["clause_pages"])
        result["marginal_time_per_clause_page_ratio"] = {
            "measured": round(marginal(runs[-2], runs[-1]) / marginal(runs[0], runs[1]), 3),
            "between": [f"{runs[0]['size']}-{runs[1]['size']}", f"{runs[-2]['size']}-{runs[-1]['size']}"]}
    if serve is not None and serve["ratio"] is not None:
        result["serve_rebuild_at_most_1.5x_bare"] = {"measured": serve["ratio"], "met": serve["ratio"] <= 1.5}
    return result


def _markdown_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _converting(run: dict[str, Any]) -> float:
    """Seconds of the cold build spent converting notes: in this process, or waiting for the workers
    (those started while the edition loaded, render/early_conversion.py, or after)."""
    details = run["plugin_s"].get("details", {})
    return sum(details.get(name, 0.0) for name in ("render.note_markdown", "render.note_sanitize",
                                                     "render.note_links", "render.note_parallel",
                                                     "render.note_early"))


def table(report: dict[str, Any]) -> str:
    """Narrow tables (at most six columns), readable in a terminal and on a page of the site."""
    runs = report["runs"]
    lines = _markdown_table(
        ("size", "build s", "bare s", "overhead", "CPU overhead", "ms/page"),
        [(run["size"], f"{run['build_s']:.2f}", f"{run['bare_build_s']:.2f}", f"{100 * run['overhead']:.1f} %",
          f"{100 * run['overhead_cpu']:.1f} %", f"{run['ms_per_clause_page']:.1f}") for run in runs])
    lines.append("")
    lines += _markdown_table(
        ("size", "warm s", "cold / bare", "warm / bare", "check s", "warm check s"),
        [(run["size"], f"{run['warm_build_s']:.2f}", f"{run['ratio']:.2f}x", f"{run['warm_ratio']:.2f}x",
          f"{run['check_s']:.2f}", f"{run['warm_check_s']:.2f}") for run in runs])
    lines.append("")
    lines += _markdown_table(
        ("size", "plugin s", *PHASES),
        [(run["size"], f"{run['plugin_s']['total']:.2f}",
          *(f"{run['plugin_s']['phases'][name]:.2f}" for name in PHASES)) for run in runs])
    lines.append("")
    lines += _markdown_table(
        ("size", "clause pages", "notes", "converting notes s", "note cache s", "check s"),
        [(run["size"], str(run["clause_pages"]), str(run["notes"]), f"{_converting(run):.2f}",
          f"{run['plugin_s'].get('details', {}).get('render.note_cache', 0.0):.2f}", f"{run['check_s']:.2f}")
         for run in runs])
    lines.append("")
    lines += _markdown_table(
        ("size", "peak MB", "bare peak MB", "statement KB", "largest KB", "site MB"),
        [(run["size"], f"{run['peak_rss_mb']:.0f}", f"{run['bare_peak_rss_mb']:.0f}",
          f"{run['statement_page_bytes'] / 1024:.1f}", f"{run['largest_page']['bytes'] / 1024:.1f}",
          f"{run['site_bytes'] / 1024 / 1024:.1f}") for run in runs])
    serve = report.get("serve")
    if serve:
        lines += ["", f"mkdocs serve, real site, after editing {serve['edited']}: rebuild {serve['rebuild_s']:.2f} s "
                      f"with the plugin, {serve['bare_rebuild_s']:.2f} s bare (ratio {serve['ratio']})"]
    lines += ["", "targets:"]
    for name, target in report["targets"].items():
        met = "" if "met" not in target else (" met" if target["met"] else " MISSED")
        lines.append(f"  {name}: {json.dumps(target['measured'])}{met}")
    load = report["load_average"]
    lines += ["", f"machine: {report['machine']['cpu']}, {report['machine']['cpus']} CPUs; "
                  f"load average before {load['before']}, after {load['after']}; runs per size: {report['settings']['runs']}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1x and 2x, one run, one edit: a smoke test")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--sizes", default=None, help="comma-separated multiples of the base corpus (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=None, help="runs per size; medians are reported (default 3)")
    parser.add_argument("--edits", type=int, default=None, help="note edits under mkdocs serve (default 5; 0 skips)")
    parser.add_argument("--output", type=Path, default=None, help="also write the JSON report to this file")
    parser.add_argument("--print-edition", action="store_true",
                        help="keep the print edition (the whole edition on one page) in the synthetic sites")
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    multiples = [int(s) for s in (args.sizes or ("1,2" if args.quick else "1,10,100")).split(",")]
    runs = args.runs or (1 if args.quick else 3)
    edits = args.edits if args.edits is not None else (1 if args.quick else 5)
    log = sys.stderr
    load_before = [round(v, 2) for v in os.getloadavg()]
    started = time.perf_counter()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="edition-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    compile_engine()
    try:
        results = []
        for multiple in multiples:
            print(f"bench: {multiple}x corpus", file=log, flush=True)
            results.append(bench_size(multiple, runs, workdir, log, args.print_edition))
        serve = bench_serve(workdir, edits, log) if edits > 0 else None
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report = {
        "base": {"documents": BASE.documents, "clauses": BASE.clauses, "notes_per_clause": BASE.notes_per_clause},
        "settings": {"quick": args.quick, "runs": runs, "edits": edits, "multiples": multiples,
                     "print_edition": args.print_edition},
        "machine": machine(),
        "versions": versions(),
        "commit": _commit(),
        "load_average": {"before": load_before, "after": [round(v, 2) for v in os.getloadavg()]},
        "bench_s": round(time.perf_counter() - started, 1),
        "runs": results,
        "serve": serve,
        "targets": targets(results, serve),
    }
    text = json.dumps(report, indent=2)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n", encoding="utf-8")
    print(text if args.json else table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

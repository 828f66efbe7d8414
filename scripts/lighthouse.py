#!/usr/bin/env python3
"""Lighthouse (mobile) on the edition's pages beside a bare Material site, in one run.

The built site (``site/`` by default) and a bare Material site of a few pages, built here in
a temporary folder with the same Material version, are served by one local static server
(Python's, gzip-compressing text like the publishing host unless --no-gzip). Lighthouse, the npm package pinned in
package.json, runs in Debian's Chromium (``CHROME_PATH``) with its default mobile settings
(simulated slow 4G and a 4× slower CPU) on three edition pages and their bare counterparts,
text files gzip-compressed as the publishing host sends them (``--no-gzip``: as on disk):

    statement  singapore-2018/index.html   ↔  bare text.html (a text page of similar length)
    clause     singapore-2018/point-3.html ↔  bare notes.html
    home       index.html                  ↔  bare index.html

Each page is measured ``--runs`` times; the median run counts. The table shows bytes,
performance, LCP, TBT, accessibility and best practices, the bare page's beside each, and
whether the edition meets issue 12's targets (bytes ≤ 1.25× bare, performance ≥ bare − 0.02,
LCP within 0.3 s of bare, accessibility and best practices 1.00). The JSON report (every run's
numbers) goes to ``test-artifacts/lighthouse/lighthouse.json``; ``--check`` makes a missed
target exit 1 (CI runs it without, as the scores depend on the machine).

    make site && .venv/bin/python scripts/lighthouse.py [--runs 3] [--no-gzip] [--check]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import asdict, dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
DEFAULT_OUTPUT = ROOT / "test-artifacts" / "lighthouse"

# Edition page → its bare Material counterpart.
PAGES = {
    "statement": ("singapore-2018/index.html", "text.html"),
    "clause": ("singapore-2018/point-3.html", "notes.html"),
    "home": ("index.html", "index.html"),
}

# The targets of issue 12, item 6.
BYTES_RATIO = 1.25
PERFORMANCE_SLACK = 0.02
LCP_SLACK_MS = 300.0

CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync " \
               "--disable-background-networking --disable-component-update"


# ---------------------------------------------------------------------------------------------
# The bare Material site: the theme with the same settings as the edition's (no web fonts, file
# URLs, search, light and dark palettes), a few pages of plain prose in our words. Not the
# offline plugin: it would add a render-blocking script from a CDN, which fails here.

_BARE_CONFIG = """\
site_name: Bare Material
use_directory_urls: false
theme:
  name: material
  font: false
  language: en
  features: [navigation.footer, search.highlight]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
extra:
  generator: false
plugins:
  - search
nav:
  - Home: index.md
  - A text: text.md
  - Notes: notes.md
  - About: about.md
"""

_PARAGRAPH = ("This paragraph stands in for the text of a document. It has a few sentences of "
              "ordinary length, so that the page has about as many words as a short treaty or "
              "statement. The words carry no meaning of their own; they only give the browser "
              "something to lay out, paint and measure. ")


def _bare_pages() -> dict[str, str]:
    text = "\n\n".join(f"## Part {n}\n\n{_PARAGRAPH * 2}" for n in range(1, 12))
    notes = "\n\n".join(f"## Note {n}\n\n{_PARAGRAPH * 3}" for n in range(1, 5))
    return {
        "index.md": f"# Bare Material\n\n{_PARAGRAPH}\n\n- [A text](text.md)\n- [Notes](notes.md)\n",
        "text.md": f"# A text\n\n{text}\n",
        "notes.md": f"# Notes\n\n{notes}\n",
        "about.md": f"# About\n\n{_PARAGRAPH}\n",
    }


def build_bare_site(work: Path) -> Path:
    """Build the bare site with the project's MkDocs and Material; return its site folder."""
    project = work / "bare"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(_BARE_CONFIG, encoding="utf-8")
    for name, text in _bare_pages().items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(mkdocs), "build", "--strict", "-f", str(project / "mkdocs.yml"),
                    "-d", str(project / "site")], check=True, env=env, capture_output=True)
    return project / "site"


# ---------------------------------------------------------------------------------------------
# One static server for both sites: /edition/… and /bare/….

_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _Handler(SimpleHTTPRequestHandler):
    roots: dict[str, Path] = {}
    use_gzip = False

    def translate_path(self, path: str) -> str:
        head, _, rest = path.lstrip("/").partition("/")
        root = self.roots.get(head)
        if root is None:
            return str(Path(tempfile.gettempdir()) / "no-such-site")
        self.directory = str(root)  # the parent resolves the rest of the path below it
        return SimpleHTTPRequestHandler.translate_path(self, "/" + rest)

    def send_head(self):  # type: ignore[no-untyped-def]
        """Like the parent's, with gzip for text files when asked (as GitHub Pages does)."""
        path = Path(self.translate_path(self.path.split("?")[0]))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.use_gzip and accepts and path.is_file() and path.suffix in _COMPRESSIBLE):
            return SimpleHTTPRequestHandler.send_head(self)
        import io
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the parent's name
        pass


def serve(roots: dict[str, Path], use_gzip: bool) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"roots": roots, "use_gzip": use_gzip})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---------------------------------------------------------------------------------------------
# Lighthouse

@dataclass
class Measure:
    bytes: float
    performance: float
    lcp_ms: float
    tbt_ms: float
    accessibility: float
    best_practices: float
    dom_nodes: float
    requests: float


def lighthouse(url: str, report: Path, chrome: str) -> Measure:
    env = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=performance,accessibility,best-practices",
                    f"--chrome-flags={CHROME_FLAGS}"], check=True, env=env, timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    audits, categories = data["audits"], data["categories"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    return Measure(
        bytes=audits["total-byte-weight"]["numericValue"],
        performance=categories["performance"]["score"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        accessibility=categories["accessibility"]["score"],
        best_practices=categories["best-practices"]["score"],
        dom_nodes=audits.get("dom-size", {}).get("numericValue", 0),
        requests=len(requests),
    )


def median(measures: list[Measure]) -> Measure:
    """The run with the median performance score (its numbers stay consistent with each other)."""
    ranked = sorted(measures, key=lambda m: m.performance)
    return ranked[len(ranked) // 2]


def verdict(edition: Measure, bare: Measure) -> dict[str, bool]:
    return {
        "bytes": edition.bytes <= BYTES_RATIO * bare.bytes,
        "performance": edition.performance >= bare.performance - PERFORMANCE_SLACK - 1e-9,
        "lcp": edition.lcp_ms <= bare.lcp_ms + LCP_SLACK_MS,
        "accessibility": edition.accessibility >= 1.0,
        "best_practices": edition.best_practices >= 1.0,
    }


def table(results: dict[str, dict[str, object]]) -> str:
    # Six columns at most: wider tables scroll sideways on a phone (see the accessibility tests).
    rows = ["| page | KB (bare) | performance (bare) | LCP s (bare) | TBT ms (bare) | a11y, best practices: targets |",
            "|---|---|---|---|---|---|"]
    for name, result in results.items():
        e, b = Measure(**result["edition"]), Measure(**result["bare"])  # type: ignore[arg-type]
        missed = [k for k, ok in result["meets"].items() if not ok]  # type: ignore[union-attr]
        rows.append(f"| {name} | {e.bytes / 1024:.0f} ({b.bytes / 1024:.0f}) | {e.performance:.2f} ({b.performance:.2f}) "
                    f"| {e.lcp_ms / 1000:.1f} ({b.lcp_ms / 1000:.1f}) | {e.tbt_ms:.0f} ({b.tbt_ms:.0f}) "
                    f"| {e.accessibility:.2f}, {e.best_practices:.2f}: {'met' if not missed else 'missed ' + ', '.join(missed)} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built edition (make site)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median counts")
    parser.add_argument("--gzip", action=argparse.BooleanOptionalAction, default=True,
                        help="serve text files gzip-compressed, as GitHub Pages serves the edition (the "
                             "default); --no-gzip serves them as they are on disk")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    chrome = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `make vendor` (npm ci installs lighthouse from package.json)", file=sys.stderr)
        return 2
    if not (args.site / "singapore-2018" / "index.html").is_file():
        print(f"{args.site} holds no built edition: run `make site` first", file=sys.stderr)
        return 2
    args.output.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as work:
        bare = build_bare_site(Path(work))
        server = serve({"edition": args.site.resolve(), "bare": bare}, args.gzip)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            for name in args.pages:
                edition_path, bare_path = PAGES[name]
                runs: dict[str, list[Measure]] = {"edition": [], "bare": []}
                for run in range(args.runs):
                    # Alternate the two sites so a busy moment of the machine hits both.
                    for site, path in (("bare", bare_path), ("edition", edition_path)):
                        report = args.output / f"{name}-{site}-{run + 1}.json"
                        runs[site].append(lighthouse(f"{base}/{site}/{path}", report, chrome))
                chosen = {site: median(measures) for site, measures in runs.items()}
                results[name] = {
                    "edition_page": edition_path, "bare_page": bare_path,
                    "edition": asdict(chosen["edition"]), "bare": asdict(chosen["bare"]),
                    "meets": verdict(chosen["edition"], chosen["bare"]),
                    "runs": {site: [asdict(m) for m in measures] for site, measures in runs.items()},
                }
                print(f"{name}: done", file=sys.stderr)
        finally:
            server.shutdown()
    summary = {"gzip": args.gzip, "runs": args.runs, "lighthouse": _lighthouse_version(),
               "chromium": chrome, "pages": results}
    (args.output / "lighthouse.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(textwrap.dedent(f"""\
        Lighthouse {summary['lighthouse']}, mobile, median of {args.runs} run(s), {'gzip' if args.gzip else 'uncompressed'}; bare Material in brackets
        """) + table(results))
    missed = any(not ok for result in results.values() for ok in result["meets"].values())  # type: ignore[union-attr]
    return 1 if (missed and args.check) else 0


def _lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.is_file() else "?"


if __name__ == "__main__":
    sys.exit(main())

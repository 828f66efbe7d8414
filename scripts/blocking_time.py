#!/usr/bin/env python3
"""How much main-thread blocking a page's scripts cause, with and without each of them.

Lighthouse gives one blocking-time figure per page; this script says where it comes from. It
serves the built site (gzip, as scripts/lighthouse.py does), loads a page in Debian's Chromium
with the CPU slowed 4× (as Lighthouse's mobile setting does), sums each long task's time over
50 ms (as Total Blocking Time does) until the page has settled, and repeats. With ``--without``
it also loads copies of the page with a script left out (matched by the end of its ``src``),
alternating with the page as built, so that the machine's load hits all alike.

    make site && .venv/bin/python scripts/blocking_time.py singapore-2018/index.html \\
        --without bundle.a5f9d56c.min.js reader.js --runs 5

The figures are for comparing variants within one run: on a shared machine the absolute
values move by half from load to load (docs/benchmarks.md, Lighthouse).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lighthouse import serve  # noqa: E402 - the same static server as the Lighthouse script

ROOT = Path(__file__).resolve().parents[1]
CPU_SLOWDOWN = 4
LONG_TASK_MS = 50
SETTLE_MS = 1500
# Collect long tasks from the first moment, before any script of the page runs.
OBSERVE_LONG_TASKS = ("window.__longTasks = [];"
                      "new PerformanceObserver(list => { for (const entry of list.getEntries())"
                      " window.__longTasks.push(entry.duration); }).observe({type: 'longtask', buffered: true});")


def without_script(html: str, src_suffix: str) -> str:
    """The page with the script whose ``src`` ends with ``src_suffix`` left out."""
    pattern = re.compile(r'<script\b[^>]*\bsrc="[^"]*' + re.escape(src_suffix) + r'"[^>]*>\s*</script>')
    changed, count = pattern.subn("", html)
    if count == 0:
        raise SystemExit(f"blocking_time: no script ending in {src_suffix!r} on the page")
    return changed


def blocking_ms(page_url: str, browser) -> float:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 412, "height": 823})
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE_LONG_TASKS)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(page_url, wait_until="load")
        page.wait_for_timeout(SETTLE_MS)
        return float(sum(max(0.0, task - LONG_TASK_MS) for task in page.evaluate("window.__longTasks")))
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", help="the page, relative to the site, e.g. singapore-2018/index.html")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--without", nargs="*", default=[], help="scripts to leave out, one variant each")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    built = args.site / args.page
    if not built.is_file():
        print(f"blocking_time: {built} does not exist: run `make site` first", file=sys.stderr)
        return 2
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    html = built.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as work:
        roots = {"as-built": args.site.resolve()}
        for suffix in args.without:
            copy = Path(work) / f"without-{len(roots)}"
            shutil.copytree(args.site, copy)
            (copy / args.page).write_text(without_script(html, suffix), encoding="utf-8")
            roots[f"without {suffix}"] = copy
        names = {name: f"v{index}" for index, name in enumerate(roots)}
        server = serve({names[name]: root for name, root in roots.items()}, True)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        results: dict[str, list[float]] = {name: [] for name in roots}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
                for _ in range(args.runs):
                    for name in roots:
                        results[name].append(blocking_ms(f"{base}/{names[name]}/{args.page}", browser))
                browser.close()
        finally:
            server.shutdown()
    print(f"{args.page}: blocking time (ms over {LONG_TASK_MS} ms per long task, CPU {CPU_SLOWDOWN}x slower), "
          f"{args.runs} loads each")
    for name, values in results.items():
        print(f"  {name:40} median {statistics.median(values):6.0f}   {[round(v) for v in values]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

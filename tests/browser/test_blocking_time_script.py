"""scripts/blocking_time.py, as docs/benchmarks.md uses it: real Chromium on the built site, the
page as built beside a copy without one of its scripts; a script the page does not have is an
error, not a silent no-op."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, Build

SCRIPT = ROOT / "scripts" / "blocking_time.py"


def _run(site: Path, chromium: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "singapore-2018/index.html", "--site", str(site), *args],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "CHROMIUM": chromium})


def test_it_measures_the_page_with_and_without_a_script(built_site: Build, chromium_path: str) -> None:
    result = _run(built_site.site, chromium_path, "--without", "reader.js", "--runs", "1")
    assert result.returncode == 0, result.stderr
    rows = re.findall(r"^\s+(as-built|without reader\.js)\s+median\s+(\d+)", result.stdout, flags=re.M)
    assert [name for name, _ in rows] == ["as-built", "without reader.js"], result.stdout


def test_a_script_the_page_lacks_is_an_error(built_site: Build, chromium_path: str) -> None:
    result = _run(built_site.site, chromium_path, "--without", "no-such-script.js", "--runs", "1")
    assert result.returncode != 0
    assert "no script ending in 'no-such-script.js'" in result.stderr

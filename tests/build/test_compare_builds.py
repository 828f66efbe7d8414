"""scripts/compare-builds says whether two builds give the same bytes: both sides built from
HEAD agree, and a changed template is reported by the files it changes."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
from pathlib import Path

from conftest import ROOT


def _export_head(destination: Path) -> Path:
    """The committed tree at HEAD, as plain files (no git metadata)."""
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    return destination


def _compare(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "compare-builds"), "HEAD", "--tree", str(tree)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_the_same_sources_compare_equal_and_a_changed_template_does_not(tmp_path: Path) -> None:
    tree = _export_head(tmp_path / "tree")
    same = _compare(tree)
    assert same.returncode == 0, same.stdout + same.stderr
    assert "byte-identical" in same.stdout

    popover = tree / "plugins" / "annotated_edition" / "render" / "templates" / "text" / "popover.html"
    popover.write_text(popover.read_text(encoding="utf-8").replace("Read the full note", "Read on"),
                       encoding="utf-8")
    changed = _compare(tree)
    assert changed.returncode == 1, changed.stdout + changed.stderr
    listed = {line.strip() for line in changed.stdout.splitlines()[1:]}
    # Phrase notes' popovers are on the statement's page; its search index entry changes too.
    assert "singapore-2018/index.html" in listed
    assert "singapore-2018/point-3.html" not in listed

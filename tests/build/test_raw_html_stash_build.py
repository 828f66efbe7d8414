"""End to end: handing Python-Markdown the generated pages' raw HTML already stored
(adapter/raw_html_stash.py) publishes the very bytes a build without it publishes, and MkDocs
still knows every anchor in that HTML when it validates links to it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import copy_project, run_mkdocs_build

# Builds the site with the real MkDocs command line; "off" builds it with the stash never
# armed, as MkDocs converts pages without the plugin's help. Prints how many blocks were stored.
_DRIVER = """
import atexit, sys
from annotated_edition.adapter import raw_html_stash
instances = []
plain_init = raw_html_stash.RawHtmlStash.__init__
def recording_init(self):
    plain_init(self)
    instances.append(self)
raw_html_stash.RawHtmlStash.__init__ = recording_init
if sys.argv[1] == "off":
    raw_html_stash.RawHtmlStash.arm = lambda self, page_markdown: None
atexit.register(lambda: print("stored blocks:", sum(stash.stored_blocks for stash in instances)))
from mkdocs.__main__ import cli
cli.main(args=["build", "--strict", "-d", sys.argv[2]])
"""


def _build(project: Path, mode: str, site: Path) -> tuple[dict[str, bytes], int]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run([sys.executable, "-c", _DRIVER, mode, str(site)], cwd=project, capture_output=True,
                            text=True, env=environment, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    stored = re.search(r"stored blocks: (\d+)", result.stdout)
    assert stored is not None, result.stdout
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    return files, int(stored.group(1))


def test_the_site_is_byte_identical_with_and_without_the_stash(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with_stash, stored = _build(project, "on", tmp_path / "on")
    without, not_stored = _build(project, "off", tmp_path / "off")
    assert not_stored == 0
    assert stored > 150, "most of the generated pages' HTML is stored"
    assert with_stash.keys() == without.keys()
    differing = [path for path, content in with_stash.items() if without[path] != content]
    assert not differing


def test_links_to_anchors_inside_generated_html_are_validated(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    # An id only the raw HTML of a clause page defines (a source in a note's list).
    anchor = "note-new-relations-src-pax-1994"
    assert f'id="{anchor}"' in run_mkdocs_build(project).site.joinpath("singapore-2018/point-1.html").read_text()
    original = about.read_text(encoding="utf-8")
    about.write_text(original + f"\n[A source of a note](singapore-2018/point-1.md#{anchor})\n", encoding="utf-8")
    found = run_mkdocs_build(project)
    assert found.ok, found.output

    about.write_text(original + "\n[Nowhere](singapore-2018/point-1.md#no-such-anchor)\n", encoding="utf-8")
    missing = run_mkdocs_build(project)
    assert not missing.ok
    assert "does not contain an anchor '#no-such-anchor'" in missing.output

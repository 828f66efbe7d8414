"""The link checker on small hand-made sites: each kind of problem is found, good links pass."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotated_edition.tools.link_check import check_site

ROOT = Path(__file__).resolve().parents[2]

_GOOD = {
    "index.html": """<html><head><link rel="stylesheet" href="assets/site.css"><script src="assets/app.js"></script></head>
<body><a href="#top" id="top">top</a> <a href="a/page.html#part">page</a> <a href="a/">folder</a>
<label for="box">x</label><input id="box"><button popovertarget="pop">open</button><div id="pop" popover></div>
<section aria-labelledby="h"><h2 id="h">H</h2></section>
<ul class="ae-sources"><li><a class="ae-source-url" href="https://example.org/s">https://example.org/s</a></li></ul>
<p class="ae-note__meta">By <a href="https://example.org/me">Me</a> · <a href="mailto:me@example.org">mail</a></p>
<a href="">here</a> <a name="anchor"></a> <a href="#anchor">named</a></body></html>""",
    "a/page.html": '<p id="part">Part</p><a href="../index.html#h">back</a>',
    "a/index.html": "<p>folder index</p>",
    "assets/site.css": "p{}",
    "assets/app.js": "",
    "404.html": '<a href="/index.html">home</a><link rel="stylesheet" href="/assets/site.css">',
    "search/search_index.json": json.dumps({"docs": [{"location": "a/page.html#part"}, {"location": ""}]}),
}


def _site(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    site = tmp_path / "site"
    for relative, content in {**_GOOD, **(extra or {})}.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return site


def test_a_sound_site_passes_and_everything_is_counted(tmp_path: Path) -> None:
    report = check_site(_site(tmp_path))
    assert report.ok, report.describe()
    assert report.pages == 4
    assert report.internal_links >= 10 and report.fragments >= 4
    assert report.id_references == 3
    assert report.external_citations == 3


@pytest.mark.parametrize(("page", "problem", "kind"), [
    ('<a href="missing.html">x</a>', "missing.html does not exist", "broken"),
    ('<a href="a/page.html#nowhere">x</a>', "has no element with id 'nowhere'", "broken"),
    ('<a href="#nowhere">x</a>', "has no element with id 'nowhere'", "broken"),
    ('<a href="../../etc/passwd">x</a>', "does not exist in the site", "broken"),
    ('<a href="/index.html">x</a>', "root-absolute link", "broken"),
    ('<button popovertarget="gone">x</button>', "no element with this id", "broken"),
    ('<label for="gone">x</label>', "no element with this id", "broken"),
    ('<a href="javascript:alert(1)">x</a>', "the javascript: scheme is not allowed", "unsafe"),
    ('<a href="data:text/html,x">x</a>', "the data: scheme is not allowed", "unsafe"),
    ('<script src="https://cdn.example/x.js"></script>', "fetched from the network", "unsafe"),
    ('<img src="//cdn.example/x.png">', "fetched from the network", "unsafe"),
    ('<link rel="stylesheet" href="https://fonts.example/css">', "fetched from the network", "unsafe"),
    ('<img srcset="ok.png 1x, https://cdn.example/x.png 2x">', "fetched from the network", "unsafe"),
    ('<footer><a href="https://theme.example/">Made with a theme</a></footer>', "not a visible citation", "unsafe"),
    ('<ul class="ae-sources"><li><a href="https://example.org/"></a></li></ul>', "not a visible citation", "unsafe"),
    ('<a href="mailto:x@example.org">mail</a>', "mailto: link outside a citation", "unsafe"),
    ('<p>See <a href="https://example.org/spec">the spec</a>.</p>', "not a visible citation", "unsafe"),
])

def test_each_problem_is_reported_with_its_page(tmp_path: Path, page: str, problem: str, kind: str) -> None:
    report = check_site(_site(tmp_path, {"bad.html": page}))
    found = report.broken if kind == "broken" else report.unsafe
    assert any(line.startswith("bad.html: ") and problem in line for line in found), report.describe()
    assert not report.ok


def test_search_results_must_lead_somewhere(tmp_path: Path) -> None:
    index = json.dumps({"docs": [{"location": "gone.html"}, {"location": "a/page.html#nope"}]})
    report = check_site(_site(tmp_path, {"search/search_index.json": index}))
    assert len(report.broken) == 2 and all("search-result" in line for line in report.broken)


def test_the_command_line_reports_and_sets_its_exit_status(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "check_links.py"
    good = subprocess.run([sys.executable, str(script), str(_site(tmp_path / "good"))],
                          capture_output=True, text=True, timeout=60)
    assert good.returncode == 0 and "0 broken, 0 unsafe" in good.stdout
    bad = subprocess.run([sys.executable, str(script), str(_site(tmp_path / "bad", {"x.html": '<a href="y.html">y</a>'}))],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "broken: x.html: <a href='y.html'> — y.html does not exist in the site" in bad.stdout
    missing = subprocess.run([sys.executable, str(script), str(tmp_path / "nothing")], capture_output=True, text=True,
                             timeout=60)
    assert missing.returncode == 2 and "run `make site` first" in missing.stderr


def test_a_link_whose_text_is_its_address_is_a_visible_citation(tmp_path: Path) -> None:
    page = ('<p>See <a href="https://example.org/spec/">https://example.org/spec/</a> and '
            '<a href="mailto:a@example.org">a@example.org</a>.</p>')
    report = check_site(_site(tmp_path, {"prose.html": page}))
    assert report.ok, report.describe()
    assert report.external_citations == 5


def test_metadata_links_are_not_fetches_and_edit_links_are_counted_apart(tmp_path: Path) -> None:
    page = ('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">'
            '<a class="md-content__button md-icon" href="https://git.example/edit/main/docs/x.md" title="Edit"></a>'
            '<p class="ae-note__meta"><a class="ae-edit-note" href="https://git.example/edit/n.md">Edit this note</a></p>')
    site = _site(tmp_path, {"meta.html": page})
    online = check_site(site)
    assert online.ok and online.edit_links == 2, online.describe()
    offline = check_site(site, offline=True)
    assert len(offline.unsafe) == 2 and all("an edit link" in line for line in offline.unsafe)

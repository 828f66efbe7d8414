"""``edition:`` links in a note body become relative links in every place the note is shown:
its clause page, the popover on its document page, the print page and the exports, and in
both URL styles; each link in the built HTML leads to a file of the site (issue 15)."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_project, run_mkdocs_build
from note_breakages import GOOD_NOTE, NOTE_REL

LINKED_BODY = ("See [point 3](edition:singapore-2018/point-3), [the declaration](edition:panmunjom-2018), "
               "[its article 3.4](edition:panmunjom-2018/article-3.4), [the twin note](edition:singapore-2018/point-3#twin-note) "
               "and [the glossary](../glossary.html) [@joint-statement].\n")
TWIN = GOOD_NOTE.replace("singapore-2018/point-2", "singapore-2018/point-3").replace(
    '"lasting and stable peace regime"', '"complete denuclearization"').replace("A note for", "A twin note for")
EXPECTED = {  # link text → (clause, fragment) it must reach
    "point 3": ("singapore-2018/point-3.html", ""),
    "the declaration": ("panmunjom-2018/index.html", ""),
    "its article 3.4": ("panmunjom-2018/article-3.4.html", ""),
    "the twin note": ("singapore-2018/point-3.html", "note-twin-note"),
    "the glossary": ("glossary.html", ""),
}


def _write(project: Path, directory_urls: bool) -> None:
    note = project / NOTE_REL
    note.parent.mkdir(parents=True, exist_ok=True)
    # A relative link is written as seen from the clause page, whose address depends on the URL style.
    body = LINKED_BODY.replace("../glossary.html", "../../glossary/") if directory_urls else LINKED_BODY
    assert "The body of the note [@joint-statement].\n" in GOOD_NOTE
    note.write_text(GOOD_NOTE.replace("The body of the note [@joint-statement].\n", body), encoding="utf-8")
    twin = project / "docs/commentary/singapore-2018/point-3/twin-note.md"
    twin.write_text(TWIN, encoding="utf-8")
    if directory_urls:
        config = project / "mkdocs.yml"
        # Material's offline plugin forces file URLs, so this variant goes without it.
        text = config.read_text(encoding="utf-8").replace("use_directory_urls: false", "use_directory_urls: true")
        assert "\n  - offline\n" in text
        config.write_text(text.replace("\n  - offline\n", "\n"), encoding="utf-8")


def _page_file(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """The file a link on ``page_url`` leads to, and its fragment."""
    path, _, fragment = href.partition("#")
    folder = page_url.rstrip("/") if page_url.endswith("/") else posixpath.dirname(page_url)
    target = posixpath.normpath(posixpath.join(folder, path))
    if path.endswith("/"):
        target += "/index.html"
    return site / target, fragment


def _check_links(site: Path, page: str, links: list, directory_urls: bool) -> None:
    page_url = page.removesuffix("index.html") if directory_urls else page
    found = {a.get_text(): a["href"] for a in links}
    for text, (expected_file, fragment) in EXPECTED.items():
        assert text in found, (page, found)
        if directory_urls and expected_file != "glossary.html":
            expected_file = expected_file.removesuffix(".html").removesuffix("/index") + "/index.html"
        elif directory_urls:
            expected_file = "glossary/index.html"
        target, got_fragment = _page_file(site, page_url, found[text])
        assert target == site / expected_file, (page, text, found[text])
        assert target.is_file()
        assert got_fragment == fragment
        if fragment:
            assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=fragment)


@pytest.mark.parametrize("directory_urls", [False, True], ids=["file-urls", "directory-urls"])
def test_edition_links_lead_to_the_same_place_from_every_page(tmp_path: Path, directory_urls: bool) -> None:
    project = copy_project(tmp_path / "project")
    _write(project, directory_urls)
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    html = build.html
    clause_page = "singapore-2018/point-2/index.html" if directory_urls else "singapore-2018/point-2.html"
    body = html(clause_page).select_one('article[data-note="checker-fixture"] .ae-note__body')
    _check_links(build.site, clause_page, body.find_all("a"), directory_urls)

    document_page = "singapore-2018/index.html"
    popover = html(document_page).select_one("#pop-point-2-checker-fixture")
    _check_links(build.site, document_page, popover.find_all("a")[:-1], directory_urls)  # last: "Read the full note"

    print_page = "print/index.html" if directory_urls else "print.html"
    endnote = next(item for item in html(print_page).select(".ae-endnote__body") if "the twin note" in item.get_text())
    _check_links(build.site, print_page, endnote.find_all("a"), directory_urls)

    exported = json.loads((build.site / "data/edition.json").read_text(encoding="utf-8"))
    [note] = [n for n in exported["notes"] if n.get("id", n.get("slug")) == "checker-fixture"]
    assert "edition:" not in json.dumps(note["body_html"])
    assert "edition:" not in (build.site / clause_page).read_text(encoding="utf-8").split('class="ae-note__body"')[1][:2000]

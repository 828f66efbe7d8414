"""What a reader meets, from file:// with the network cut: search that loads when wanted and
answers with edition pages, the plain-text view kept across pages, note popovers that hold and
return focus, selectors that a standard anchoring library finds, a 404 page that reads from
disk, and screenshots of every page type on a phone in the dark scheme."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Page, expect

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition

from .support import PHONE, ROOT, Visit, page_types, search

pytestmark = pytest.mark.browser

EDITION = load_edition(edition_config_for(ROOT))
# Pages about how the edition is made: out of the readers' search (with the print edition).
NOT_FOR_SEARCH = {"print.html", "tags.html", "architecture.html", "benchmarks.html", "security.html", "data-formats.html",
                  "contributing.html"}
_INDEX_REQUESTS = "search/search_index"


def _index_requests(visit: Visit) -> list[str]:
    return [url for url in visit.requested if _INDEX_REQUESTS in url]


@pytest.fixture
def tracked(open_context: Callable[..., Visit]) -> Visit:
    """A visit that also lists every URL its pages requested, local ones included."""
    visit = open_context()
    visit.requested = []  # type: ignore[attr-defined]
    visit.context.on("request", lambda request: visit.requested.append(request.url))  # type: ignore[attr-defined]
    return visit


# --- search -----------------------------------------------------------------------------------

def test_the_search_index_loads_only_when_search_is_used_and_search_works(tracked: Visit) -> None:
    page = tracked.open("singapore-2018/index.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)  # the theme asks for the index at start-up: give it time to try
    assert _index_requests(tracked) == [], "the index is not loaded before search is used"
    results = search(page, "verification")
    assert results and len(_index_requests(tracked)) == 1
    tracked.assert_clean()


@pytest.mark.parametrize("query", ["verification", "remains"])
def test_search_answers_with_edition_pages_and_never_the_print_or_engineering_pages(
        visit: Visit, query: str) -> None:
    results = search(visit.open("index.html"), query)
    assert results, f"no result for {query!r}"
    assert not set(results) & NOT_FOR_SEARCH, results
    first = results[0]
    assert first.startswith(tuple(f"{d}/" for d in EDITION.documents)) or first.startswith("entities/"), results
    visit.assert_clean()


# --- the plain-text view --------------------------------------------------------------------

def _choose(page: Page, view: str) -> None:
    button = page.locator(f"[data-ae-view={view}]")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def _assert_plain(page: Page) -> None:
    assert page.evaluate("document.documentElement.classList.contains('ae-plain')")
    expect(page.locator("[data-ae-view=plain]")).to_have_attribute("aria-pressed", "true")
    assert page.locator(".ae-marker").first.is_hidden()
    assert page.locator(".ae-clause__links").count() == 0 or page.locator(".ae-clause__links").first.is_hidden()
    # Highlighted phrases and entity mentions read as the words around them.
    style = page.evaluate("""() => {
        const text = document.querySelector('.ae-clause__text p, .ae-clause-page__text p');
        const mention = text.querySelector('a.ae-mention');
        const phrase = document.querySelector('mark.ae-phrase');
        return {text: getComputedStyle(text).color, mention: mention && getComputedStyle(mention).color,
                line: mention && getComputedStyle(mention).textDecorationLine,
                tab: mention && mention.tabIndex,
                mark: phrase && getComputedStyle(phrase).backgroundColor};
    }""")
    assert style["mention"] in (None, style["text"]) and style["line"] in (None, "none"), style
    assert style["tab"] in (None, -1), "links in the text leave the Tab order"
    assert style["mark"] in (None, "rgba(0, 0, 0, 0)"), style


def test_plain_text_survives_a_page_change_and_a_reload(visit: Visit) -> None:
    page = visit.open("singapore-2018/index.html")
    assert page.locator(".ae-marker").first.is_visible(), "annotations show by default"
    _choose(page, "plain")
    _assert_plain(page)
    page.locator("a.ae-clause__page[href='point-3.html']").evaluate("a => a.click()")  # hidden in plain view
    page.wait_for_url("**/point-3.html")
    _assert_plain(page)
    page.reload()
    _assert_plain(page)
    visit.open("panmunjom-2018/index.html")
    assert page.evaluate("document.documentElement.classList.contains('ae-plain')")
    _choose(page, "annotated")
    assert page.locator(".ae-marker").count() == 0 or page.locator(".ae-marker").first.is_visible()
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('ae-plain')")
    visit.assert_clean()


def test_plain_text_is_kept_where_no_storage_works(open_context: Callable[..., Visit]) -> None:
    """Some browsers refuse localStorage on file://: the choice then rides on the tab."""
    visit = open_context()
    visit.context.add_init_script("""
        for (const name of ['localStorage', 'sessionStorage']) {
          Object.defineProperty(window, name, {get() { throw new DOMException('denied', 'SecurityError'); }});
        }""")
    page = visit.open("singapore-2018/index.html")
    _choose(page, "plain")
    visit.open("singapore-2018/point-1.html")
    _assert_plain(page)
    # The theme's own script reads localStorage unguarded and reports the refusal: only that.
    visit.errors = [e for e in visit.errors if "denied" not in e and "SecurityError" not in e]
    assert visit.blocked == []


def test_pages_without_an_edition_text_have_no_view_switch(visit: Visit) -> None:
    for relative in ("index.html", "glossary.html", "about.html"):
        page = visit.open(relative)
        assert page.locator(".ae-view").count() == 0, relative
    visit.assert_clean()


# --- note popovers: focus ------------------------------------------------------------------

def test_an_open_popover_keeps_focus_inside_and_returns_it_to_its_marker(visit: Visit) -> None:
    page = visit.open("singapore-2018/index.html")
    marker = page.locator(".ae-marker").first
    marker.focus()
    page.keyboard.press("Enter")
    popover = page.locator(f"#{marker.get_attribute('popovertarget')}")
    expect(popover).to_be_visible()
    inside = "() => { const p = document.querySelector('.ae-popover:popover-open'); return !!p && p.contains(document.activeElement); }"
    assert page.evaluate(inside), "focus moves into the open popover"
    for key in ["Tab"] * 6 + ["Shift+Tab"] * 6:
        page.keyboard.press(key)
        assert page.evaluate(inside), f"{key} left the popover"
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('ae-marker')")
    assert marker.evaluate("m => m === document.activeElement")
    visit.assert_clean()


def test_note_markers_and_clause_head_links_are_at_least_24_px_square(visit: Visit) -> None:
    for relative in ("singapore-2018/index.html", "singapore-2018/point-3.html"):
        page = visit.open(relative)
        sizes = page.locator(".ae-marker").evaluate_all(
            "ms => ms.map(m => { const r = m.getBoundingClientRect(); return [r.width, r.height]; })")
        assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    page = visit.open("singapore-2018/index.html")
    sizes = page.locator(".ae-permalink, .ae-clause__page").evaluate_all(
        "ms => ms.map(m => { const r = m.getBoundingClientRect(); return [r.width, r.height]; })")
    assert len(sizes) >= 20 and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    visit.assert_clean()


# --- W3C selectors, anchored by a standard library --------------------------------------------

@pytest.fixture(scope="session")
def annotator_script(tmp_path_factory: pytest.TempPathFactory) -> str:
    """@apache-annotator/dom (npm, pinned) bundled for the browser by esbuild (npm, pinned)."""
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    if not (esbuild.exists() and (ROOT / "node_modules" / "@apache-annotator" / "dom").is_dir()):
        pytest.fail("run `make vendor`: npm ci installs @apache-annotator/dom and esbuild from package.json")
    bundle = tmp_path_factory.mktemp("annotator") / "annotator.js"
    subprocess.run([str(esbuild), "--bundle", "--format=iife", "--global-name=ApacheAnnotatorDom",
                    "--platform=browser", "--log-level=warning", f"--outfile={bundle}"],
                   input="export { createTextQuoteSelectorMatcher } from '@apache-annotator/dom';",
                   text=True, cwd=ROOT, check=True, timeout=120)
    return bundle.read_text(encoding="utf-8")


_ANCHOR = """async (selector) => {
    const matcher = ApacheAnnotatorDom.createTextQuoteSelectorMatcher(selector);
    const scope = document.createRange();
    scope.selectNodeContents(document.body);
    const found = [];
    for await (const range of matcher(scope)) {
        const node = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
        const clause = node.closest('section.ae-clause');
        found.push({text: range.toString(), clause: clause && clause.dataset.clause});
    }
    return found;
}"""


def test_every_text_quote_selector_anchors_exactly_once_with_apache_annotator(
        visit: Visit, site: Path, annotator_script: str) -> None:
    collection = json.loads((site / "data" / "annotations.jsonld").read_text(encoding="utf-8"))
    site_root = collection["id"].rsplit("data/annotations.jsonld", 1)[0]
    checked = 0
    for annotation in collection["first"]["items"]:
        target = annotation["target"]
        fragment, *quotes = target["selector"]
        if not quotes:
            continue
        source = target["source"]
        assert source.startswith(site_root), source
        page = visit.open(source[len(site_root):])
        page.add_script_tag(content=annotator_script)
        for selector in quotes:
            found = page.evaluate(_ANCHOR, selector)
            assert found == [{"text": selector["exact"], "clause": fragment["value"]}], (selector, found)
            checked += 1
    assert checked == len([note for note in EDITION.notes if note.quote]) > 0
    visit.assert_clean()


# --- the 404 page -----------------------------------------------------------------------------

def test_the_404_page_is_styled_from_disk_and_its_search_is_named(visit: Visit) -> None:
    page = visit.open("404.html")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("", "rgba(0, 0, 0, 0)"), "the theme's stylesheet applies"
    assert page.locator(".md-header svg").count() > 0
    expect(page.locator("[data-md-component=search][role=dialog]")).to_have_attribute("aria-label", "Search")
    assert page.locator("[role=dialog]:not([aria-label]):not([aria-labelledby])").count() == 0
    with page.expect_navigation():
        page.locator("a.md-header__button.md-logo").evaluate("a => a.click()")
    assert page.url.endswith("/site/index.html") and page.locator("article h1").first.is_visible()
    visit.assert_clean()


# --- screenshots: every page type on a phone, dark ---------------------------------------------

def test_screenshots_of_every_page_type_on_a_phone_in_the_dark(
        open_context: Callable[..., Visit], site: Path, artifacts: Path) -> None:
    """Desktop light and dark and phone light are taken by test_offline_pages.py."""
    visit = open_context(color_scheme="dark", viewport=PHONE)
    for name, relative in page_types(site).items():
        page = visit.open(relative)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.screenshot(path=artifacts / f"{name}-phone-dark.png", full_page=True)
    visit.assert_clean()

"""Every XSS vector of tests/hostile_corpus.py, built into one real site and opened in Chromium.

The site is opened from file:// with every request outside it aborted and recorded. Before any
page script runs, ``window.__xss`` becomes a trap: assigning to it records the value (and no
element can clobber it, being a fixed property of the window). A vector that got through would
set it, open a dialog, or send a request; each page is then worked like a curious reader would:
every marker clicked to open its popover, every link and note element hovered and focused,
every handler-bearing event dispatched to every element of every note, every link that is not
an ordinary web or in-site link clicked, the keyboard tabbed through, search used. The test
fails on any sentinel, any dialog, any request leaving the site, any inline handler or
script-running URL left in the page.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from conftest import Build
from hostile_corpus import BODY, EVIL_HOST, FRONT_MATTER, HOSTILE_DOCUMENT

from .support import Visit

pytestmark = pytest.mark.browser

# The trap reports to Python at once, so a hit survives the page navigating away.
_TRAP = """(() => {
  const report = window.__xssReport;
  Object.defineProperty(window, "__xss", {get() { return undefined; },
                                          set(value) { report(String(value)); }, configurable: false});
})();"""

_NOTE_REGIONS = ".ae-note, .ae-popover, .ae-endnote, .ae-newest, nav.md-nav--secondary, .md-search-result"

# Events that fire inline handlers; clicks are handled separately (a click on a link follows it).
_DISPATCH_EVERYWHERE = """(selector) => {
  const events = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "pointerover",
                  "pointerdown", "focus", "focusin", "blur", "keydown", "keyup", "input", "change",
                  "toggle", "load", "error", "animationstart", "animationend", "transitionend",
                  "wheel", "copy", "dblclick", "contextmenu"];
  let count = 0;
  for (const region of document.querySelectorAll(selector)) {
    for (const element of [region, ...region.querySelectorAll("*")]) {
      for (const type of events) { element.dispatchEvent(new Event(type, {bubbles: true})); count += 1; }
      if (!element.closest("a, button, label, summary, input, form")) {
        element.dispatchEvent(new MouseEvent("click", {bubbles: true})); count += 1;
      }
    }
  }
  return count;
}"""

# What is left that could still run script: handlers and script URLs anywhere in the document;
# frames, forms and base/refresh elements in the notes (the theme has a search form and the
# search worker's iframe of its own).
_LEFTOVERS = """(selector) => {
  const found = [];
  const risky = /^\\s*(javascript|vbscript|data):/i;
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) found.push(`<${element.localName} ${name}>`);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "cite", "poster"].includes(name)
          && risky.test(attribute.value)) found.push(`<${element.localName} ${name}=${attribute.value}>`);
      if (name === "srcdoc") found.push(`<${element.localName} srcdoc>`);
    }
  }
  for (const region of document.querySelectorAll(selector)) {
    for (const element of region.querySelectorAll("iframe, object, embed, base, meta, form, script, style, svg, math")) {
      found.push(`<${element.localName}> in a note`);
    }
  }
  for (const element of document.querySelectorAll("base, meta[http-equiv]")) found.push(`<${element.localName}>`);
  return found;
}"""

# Links that may run script when clicked: anything not an ordinary web, mail or in-site link
# (search results link to pages by their full file: address).
_SUSPECT_LINKS = """(selector) => {
  const ordinary = /^(https?:|mailto:|file:|#|[^:]*$)/i;
  return [...document.querySelectorAll(selector)].flatMap(region => [...region.querySelectorAll("a")])
    .filter(a => a.hasAttribute("href") && !ordinary.test(a.getAttribute("href").trim()))
    .map(a => a.getAttribute("href"));
}"""


@pytest.fixture(scope="module")
def site(hostile_build: tuple[Build, dict[str, str]]) -> Path:
    """Overrides the browser tests' site: here it is the hostile build."""
    return hostile_build[0].site


class _Watch:
    """Dialogs and sentinel hits of one browser context."""

    def __init__(self, visit: Visit) -> None:
        self.visit = visit
        self.dialogs: list[str] = []
        self.hits: list[str] = []
        visit.context.expose_function("__xssReport", lambda value: self.hits.append(value))
        visit.context.add_init_script(_TRAP)
        # Every page of the context, including any a vector would open, reports its dialogs.
        visit.context.on("page", lambda page: page.on("dialog", self._on_dialog))

    def _on_dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, relative: str) -> Page:
        return self.visit.open(relative)


def _work_the_page(page: Page) -> dict[str, object]:
    """Do everything a reader (or a bot) could do to the notes on this page. A page that
    navigates away while being worked (a refresh or a script URL that got through) is a
    failure, reported instead of the rest."""
    try:
        return _work(page)
    except PlaywrightError as error:
        return {"dispatched": 0, "suspect_links": [], "leftovers": [f"the page broke while worked: {error}"]}


def _work(page: Page) -> dict[str, object]:
    markers = page.locator("button.ae-marker")
    for index in range(markers.count()):
        marker = markers.nth(index)
        marker.scroll_into_view_if_needed()
        marker.click()
        popover = page.locator(f"#{marker.get_attribute('popovertarget')}")
        expect(popover).to_be_visible()
        links = popover.locator("a")
        for link_index in range(links.count()):
            links.nth(link_index).hover()
            links.nth(link_index).focus()
        page.keyboard.press("Escape")
    for marker in page.locator("a.ae-marker").all():
        marker.hover()
        marker.focus()
    suspects = page.evaluate(_SUSPECT_LINKS, _NOTE_REGIONS)
    for href in suspects:  # clicked from script: such a link may sit in a closed popover
        page.evaluate("""(href) => [...document.querySelectorAll("a")]
                         .filter(a => a.getAttribute("href") === href).forEach(a => a.click())""", href)
    dispatched = page.evaluate(_DISPATCH_EVERYWHERE, _NOTE_REGIONS)
    for _ in range(30):
        page.keyboard.press("Tab")
    # Let anything a vector queued (timers, promises, image loads) run before the verdict.
    page.wait_for_timeout(300)
    return {"dispatched": dispatched, "suspect_links": suspects, "leftovers": page.evaluate(_LEFTOVERS, _NOTE_REGIONS)}


def _pages_showing_notes(placed: dict[str, str]) -> list[str]:
    clauses = sorted(set(placed.values()))
    return (["index.html", f"{HOSTILE_DOCUMENT}/index.html", "print.html"]
            + [f"{HOSTILE_DOCUMENT}/{clause}.html" for clause in clauses])


def test_the_watch_catches_a_script_a_dialog_and_a_request(open_context, site: Path) -> None:
    """The checks below can fail: script injected on purpose is seen by every one of them."""
    visit = open_context()
    watch = _Watch(visit)
    page = watch.open("index.html")
    page.evaluate("""() => document.body.insertAdjacentHTML("beforeend",
        '<img src="x" onerror="window.__xss=\\'control\\'; alert(\\'control\\')">')""")
    page.evaluate(f"() => fetch('https://{EVIL_HOST}/control').catch(() => null)")
    page.wait_for_timeout(300)
    assert watch.hits == ["control"]
    assert watch.dialogs == ["alert: control"]
    assert visit.blocked == [f"https://{EVIL_HOST}/control"]
    assert "<img onerror>" in page.evaluate(_LEFTOVERS, _NOTE_REGIONS)


def test_no_vector_runs_script_opens_a_dialog_or_leaves_the_site(
        open_context, hostile_build: tuple[Build, dict[str, str]]) -> None:
    _build, placed = hostile_build
    assert len(placed) == len(BODY) + len(FRONT_MATTER) >= 40
    visit = open_context()
    watch = _Watch(visit)
    failures: dict[str, list[str]] = defaultdict(list)
    worked: dict[str, object] = {}
    for relative in _pages_showing_notes(placed):
        page = watch.open(relative)
        if relative == f"{HOSTILE_DOCUMENT}/index.html":
            assert page.locator("button.ae-marker").count() >= len(placed)
        result = _work_the_page(page)
        worked[relative] = result["dispatched"]
        failures[relative] += [f"sentinel set by {hit}" for hit in watch.hits]
        watch.hits.clear()
        failures[relative] += [f"left in the page: {item}" for item in result["leftovers"]]  # type: ignore[union-attr]
        failures[relative] += [f"suspect link: {href}" for href in result["suspect_links"]]  # type: ignore[union-attr]
    failures["dialogs"] = watch.dialogs
    failures["requests outside the site"] = visit.blocked
    failures["page errors"] = visit.errors
    assert {where: found for where, found in failures.items() if found} == {}
    assert all(count > 0 for count in worked.values()), worked


def test_searching_the_hostile_notes_runs_nothing(open_context, hostile_build: tuple[Build, dict[str, str]]) -> None:
    """Material renders search results from the index as HTML: hostile text must stay text."""
    visit = open_context()
    watch = _Watch(visit)
    page = watch.open("index.html")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially("vector", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    for item in page.locator(".md-search-result__item").all()[:20]:
        item.hover()
    result = _work_the_page(page)
    assert watch.hits == [] and result["leftovers"] == []
    assert watch.dialogs == [] and visit.blocked == [] and visit.errors == []

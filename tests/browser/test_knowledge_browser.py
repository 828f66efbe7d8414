"""Entities, timeline, exports and search in a real headless Chromium: pages opened from
file:// with the network cut (see conftest.py), on the real strict build."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition

from .support import ROOT, Visit, search

pytestmark = pytest.mark.browser

EDITION = load_edition(edition_config_for(ROOT))


def _focus_first_mention_by_keyboard(page: Page) -> None:
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('a.ae-mention')"):
            return
    pytest.fail("no entity mention was reached with the Tab key")


def test_mention_tooltip_shows_on_keyboard_focus_and_on_hover(visit: Visit) -> None:
    page = visit.open("singapore-2018/index.html")
    first = page.locator("a.ae-mention").first
    description = first.get_attribute("title")
    assert description and ": " in description
    _focus_first_mention_by_keyboard(page)
    focused = page.locator("a.ae-mention:focus")
    expect(focused).to_have_count(1)
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(description)
    described_by = focused.get_attribute("aria-describedby")
    assert described_by and page.locator(f"#{described_by}").inner_text() == description
    expect(focused).to_have_accessible_description(description)

    page.locator("h1").first.click()
    expect(page.locator(".md-tooltip2--active")).to_have_count(0)
    other = page.locator("a.ae-mention").nth(3)
    other_description = other.get_attribute("title")
    other.hover()
    expect(page.locator(".md-tooltip2--active")).to_have_text(other_description or "")
    visit.assert_clean()


def test_text_quote_selectors_match_once_in_what_the_browser_shows(visit: Visit, site: Path) -> None:
    annotations = json.loads((site / "data" / "annotations.jsonld").read_text(encoding="utf-8"))
    site_root = annotations["id"].rsplit("data/annotations.jsonld", 1)[0]
    checked = 0
    for annotation in annotations["first"]["items"]:
        target = annotation["target"]
        quotes = [s for s in target["selector"] if s["type"] == "TextQuoteSelector"]
        if not quotes:
            continue
        source = target["source"]
        page = visit.open(source[len(site_root):] if site_root and source.startswith(site_root)
                          else posixpath.normpath(posixpath.join("data", source)))
        shown = page.evaluate("() => document.body.innerText.split(/\\s+/).join(' ')")
        for selector in quotes:
            # innerText collapsed to spaces; the selector keeps the page's line breaks.
            whole = re.sub(r"\s+", " ", selector["prefix"] + selector["exact"] + selector["suffix"])
            count = sum(1 for i in range(len(shown)) if shown.startswith(whole, i))
            assert count == 1, (selector, count)
            checked += 1
    assert checked == len([n for n in EDITION.notes if n.quote]) > 0
    visit.assert_clean()


def test_timeline_overview_is_drawn(visit: Visit) -> None:
    page = visit.open("timeline.html")
    svg = page.locator("figure.ae-timeline-figure svg")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 40
    marks = page.locator("svg g[data-event]")
    assert marks.count() == page.locator("li.ae-event").count() == len(EDITION.events) > 0
    for index in range(marks.count()):
        mark_box = marks.nth(index).bounding_box()
        assert mark_box is not None and mark_box["width"] > 0
        assert box["x"] <= mark_box["x"] and mark_box["x"] + mark_box["width"] <= box["x"] + box["width"]
    visit.assert_clean()


def test_data_page_links_open_the_exports(visit: Visit, site: Path) -> None:
    for name in ["edition.json", "annotations.jsonld"]:
        page = visit.open("data.html")
        page.locator(f'article a[href="data/{name}"]').click()
        page.wait_for_load_state()
        assert page.url == (site / "data" / name).as_uri()
        shown = json.loads(page.evaluate("() => document.querySelector('pre').textContent"))
        assert shown == json.loads((site / "data" / name).read_text(encoding="utf-8"))
    visit.assert_clean()


def _rarest_word(site: Path, text: str) -> str:
    """The word of ``text`` (six letters or more) that the fewest pages of the site contain."""
    pages = [p.read_text(encoding="utf-8").lower() for p in site.rglob("*.html") if p.name != "print.html"]
    words = sorted(set(re.findall(r"[A-Za-z]{6,}", text)))
    return min(words, key=lambda word: (sum(word.lower() in page for page in pages), word))


def test_search_finds_entity_and_timeline_pages(visit: Visit, site: Path) -> None:
    entity = next(e for e in EDITION.entities if re.search(r"[A-Za-z]{6,}", e.description))
    event = next(e for e in EDITION.events if re.search(r"[A-Za-z]{6,}", e.description))
    for text, expected in [(entity.description, f"entities/{entity.id}.html"), (event.description, "timeline.html")]:
        query = _rarest_word(site, text)
        paths = search(visit.open("index.html"), query)
        assert expected in paths, (query, paths)
    visit.assert_clean()


_AXE_VIOLATIONS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"], preload: false});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(" ")).slice(0, 5)}`);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_entity_page_has_no_serious_accessibility_violations(open_context, axe_source: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """Entity pages are out of the navigation, so the page-type sweep does not reach them."""
    visit = open_context(color_scheme=scheme)
    mentioned = next(e for e in EDITION.entities if any(m.entity == e.id for m in EDITION.mentions))
    page = visit.open(f"entities/{mentioned.id}.html")
    page.add_script_tag(content=axe_source)
    assert page.evaluate(_AXE_VIOLATIONS) == []
    visit.assert_clean()

"""Entity tooltips, text-quote selectors and the timeline overview in a real headless Chromium,
with pages opened from file:// and every other request blocked and recorded."""

from __future__ import annotations

import json
import posixpath
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conftest import Build, copy_project, run_mkdocs_build

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def site_without_search(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real project minus the search plugin. Without the offline plugin, the search worker
    cannot load from file://, and that failure stops Material's scripts, tooltips included;
    making search work offline is a separate concern, so this build leaves search out."""
    project = copy_project(tmp_path_factory.mktemp("browser") / "project")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.strip() not in ("- search", "- search.highlight")]
    assert len(kept) == len(lines) - 2, "fixture drift: the search plugin or feature moved in mkdocs.yml"
    config.write_text("\n".join(kept) + "\n", encoding="utf-8")
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    return build


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def only_files(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert outside == [], f"requests left the disk: {outside}"
    assert errors == [], f"script errors: {errors}"


def _focus_first_mention_by_keyboard(page: Page) -> None:
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('a.ae-mention')"):
            return
    pytest.fail("no entity mention was reached with the Tab key")


def test_mention_tooltip_shows_on_keyboard_focus_and_on_hover(site_without_search: Build, page: Page) -> None:
    page.goto((site_without_search.site / "singapore-2018" / "index.html").as_uri())
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

    page.keyboard.press("Escape")
    page.locator("h1").first.click()
    expect(page.locator(".md-tooltip2--active")).to_have_count(0)
    other = page.locator('a.ae-mention[data-entity]').nth(3)
    other_description = other.get_attribute("title")
    other.hover()
    expect(page.locator(".md-tooltip2--active")).to_have_text(other_description or "")


def test_text_quote_selectors_match_once_in_what_the_browser_shows(site_without_search: Build, page: Page) -> None:
    annotations = json.loads((site_without_search.site / "data" / "annotations.jsonld").read_text(encoding="utf-8"))
    checked = 0
    for annotation in annotations["first"]["items"]:
        target = annotation["target"]
        quotes = [s for s in target["selector"] if s["type"] == "TextQuoteSelector"]
        if not quotes:
            continue
        page_path = posixpath.normpath(posixpath.join("data", target["source"]))
        page.goto((site_without_search.site / page_path).as_uri())
        shown = page.evaluate("() => document.body.innerText.split(/\\s+/).join(' ')")
        for selector in quotes:
            whole = selector["prefix"] + selector["exact"] + selector["suffix"]
            count = sum(1 for i in range(len(shown)) if shown.startswith(whole, i))
            assert count == 1, (selector, count)
            checked += 1
    assert checked > 0


def test_timeline_overview_is_drawn(site_without_search: Build, page: Page) -> None:
    page.goto((site_without_search.site / "timeline.html").as_uri())
    svg = page.locator("figure.ae-timeline-figure svg")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 40
    marks = page.locator("svg g[data-event]")
    events = page.locator("li.ae-event")
    assert marks.count() == events.count() > 0
    for index in range(marks.count()):
        mark_box = marks.nth(index).bounding_box()
        assert mark_box is not None and mark_box["width"] > 0
        assert box["x"] <= mark_box["x"] and mark_box["x"] + mark_box["width"] <= box["x"] + box["width"]


def test_data_page_links_open_the_exports(site_without_search: Build, page: Page) -> None:
    data_page = (site_without_search.site / "data.html").as_uri()
    for name in ["edition.json", "annotations.jsonld"]:
        page.goto(data_page)
        page.locator(f'article a[href="data/{name}"]').click()
        page.wait_for_load_state()
        assert page.url == (site_without_search.site / "data" / name).as_uri()
        shown = json.loads(page.evaluate("() => document.querySelector('pre').textContent"))
        assert shown == json.loads((site_without_search.site / "data" / name).read_text(encoding="utf-8"))

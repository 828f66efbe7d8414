"""Helpers of the browser tests: launch options, the pages visited, and :class:`Visit`, which
records every request a browser context tries to send outside the site and every error."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, expect

ROOT = Path(__file__).resolve().parents[2]
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_SCHEMES = ("file:", "data:", "blob:")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts")) / "browser"

# The page types every edition has; more (glossary, timeline...) are found in the navigation.
PAGE_TYPES = {
    "home": "index.html",
    "statement": "singapore-2018/index.html",
    "clause": "singapore-2018/point-3.html",
    "panmunjom": "panmunjom-2018/index.html",
    "panmunjom-point": "panmunjom-2018/article-3.4.html",
    "print": "print.html",
    "not-found": "404.html",
    "tags": "tags.html",
}


@dataclass
class Visit:
    """What one browser context did: requests it tried to send outside, errors it logged."""

    context: BrowserContext
    site: Path
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    page: Page | None = None

    def open(self, relative: str) -> Page:
        if self.page is None:
            self.page = self.context.new_page()
            self.page.on("console", self._on_console)
            self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.goto((self.site / relative).as_uri(), wait_until="load")
        return self.page

    def count_request(self, request: Request) -> None:
        if not request.url.startswith(LOCAL_SCHEMES):
            self.blocked.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def assert_clean(self) -> None:
        assert self.blocked == [], f"requests outside the site: {self.blocked}"
        assert self.errors == [], f"errors: {self.errors}"




def page_types(site: Path) -> dict[str, str]:
    """Name → site-relative path: the fixed types, then every navigation page not yet listed,
    so glossary, timeline and any later page are covered once they are in the navigation."""
    pages = dict(PAGE_TYPES)
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        path = urlsplit(link["href"]).path
        if not path.endswith(".html"):
            continue
        relative = posixpath.normpath(path)
        if relative not in pages.values():
            pages[Path(relative).with_suffix("").as_posix().replace("/", "-")] = relative
    return pages


def search(page: Page, query: str) -> list[str]:
    """Type into Material's search box like a reader; the site paths of the results."""
    page.keyboard.press("/")
    search_box = page.locator("input.md-search__input")
    expect(search_box).to_be_focused()
    search_box.press_sequentially(query, delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    hrefs = page.locator(".md-search-result__list a").evaluate_all("links => links.map(a => a.href)")
    return [href.split("/site/", 1)[1].split("?")[0].split("#")[0] for href in hrefs]

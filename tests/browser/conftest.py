"""Real headless Chromium on the built site, opened from file:// with the network cut.

One browser serves the whole session; each test gets a fresh context (its own storage and
colour scheme). Every request whose scheme is not ``file:``, ``data:`` or ``blob:`` is aborted
and recorded, and console errors and uncaught exceptions are recorded too: a test calls
``visit.assert_clean()`` to fail on any of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Route, sync_playwright

from conftest import Build

from .support import ARTIFACTS, AXE_SCRIPT, DESKTOP, LAUNCH_ARGS, LOCAL_SCHEMES, Visit


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(built_site: Build) -> Path:
    return built_site.site


@pytest.fixture
def open_context(browser: Browser, site: Path) -> Iterator[Callable[..., Visit]]:
    """A factory: ``open_context(color_scheme=..., viewport=...)`` → a fresh :class:`Visit`."""
    contexts: list[BrowserContext] = []

    def make(color_scheme: str = "light", viewport: dict[str, int] = DESKTOP) -> Visit:
        context = browser.new_context(color_scheme=color_scheme, viewport=viewport)
        contexts.append(context)
        visit = Visit(context, site)

        def guard(route: Route) -> None:
            if route.request.url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                route.abort()
        context.route("**/*", guard)
        # Counted from the request event, which fires for every request the pages and their
        # frames issue, whether the router let it through or aborted it.
        context.on("request", visit.count_request)
        return visit

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def visit(open_context) -> Visit:
    return open_context()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from its npm package, installed at set-up (`make vendor`); never fetched."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make vendor` (npm ci installs axe-core from package.json)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

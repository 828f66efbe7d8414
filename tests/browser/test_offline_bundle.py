"""The offline bundle as a reader gets it: unzipped into a fresh folder, opened from disk."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import expect

from annotated_edition.tools.bundle import write_offline_bundle

from .support import Visit

pytestmark = pytest.mark.browser


def test_unzipped_bundle_reads_and_searches_with_no_network(
        open_context: Callable[..., Visit], site: Path, tmp_path: Path) -> None:
    summary = write_offline_bundle(site, tmp_path / "edition-offline.zip", "The edition")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(summary.archive) as bundle:
        bundle.extractall(unpacked)
    visit = open_context()
    visit.site = unpacked
    page = visit.open("index.html")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("denuclearization", delay=30)
    first = page.locator(".md-search-result__item a").first
    expect(first).to_be_visible(timeout=15_000)
    first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(unpacked.as_uri())
    expect(page.locator("article h1")).to_be_visible()
    visit.assert_clean()

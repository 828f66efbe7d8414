"""Every page type, opened from file:// with the network cut: complete, quiet, accessible."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from .support import DESKTOP, PHONE, Visit, page_types

pytestmark = pytest.mark.browser

# axe-core results, reduced to what a failure message needs. "preload: false" stops axe from
# re-reading the stylesheets with XMLHttpRequest, which file:// pages may not do (it would log
# CORS errors of its own; the rules it feeds, such as orientation lock, then report nothing).
_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"], preload: false});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      targets: v.nodes.map(n => n.target.join(" "))}));
}"""
_SCHEMES = {"light": "default", "dark": "slate"}


def test_the_guard_counts_and_stops_requests_to_the_network(visit: Visit) -> None:
    """The check every other test relies on can fail: an outside request is caught."""
    page = visit.open("index.html")
    outcome = page.evaluate("""() => new Promise(resolve => {
        const image = new Image();
        image.onload = () => resolve("loaded");
        image.onerror = () => resolve("blocked");
        image.src = "https://example.org/pixel.png";
    })""")
    assert outcome == "blocked"
    assert visit.blocked == ["https://example.org/pixel.png"]
    with pytest.raises(AssertionError, match="requests outside the site"):
        visit.assert_clean()


@pytest.mark.parametrize("viewport_name, viewport", [pytest.param("phone", PHONE, id="phone"),
                                                     pytest.param("desktop", DESKTOP, id="desktop")])
def test_every_page_type_renders_offline_with_no_requests_and_no_errors(
        open_context: Callable[..., Visit], site: Path, artifacts: Path, viewport_name: str,
        viewport: dict[str, int]) -> None:
    visit = open_context(viewport=viewport)
    for name, relative in page_types(site).items():
        page = visit.open(relative)
        # Styles applied (the header bar is painted), icons inline, the page's own heading shown.
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header not in ("", "rgba(0, 0, 0, 0)"), f"{relative}: theme stylesheet not applied"
        assert page.locator(".md-header svg").count() > 0, f"{relative}: header icons missing"
        assert page.locator("article h1").first.is_visible(), f"{relative}: no visible heading"
        assert page.evaluate("document.fonts.status") == "loaded"
        page.screenshot(path=artifacts / f"{name}-{viewport_name}-light.png", full_page=True)
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_accessibility_violations(
        open_context: Callable[..., Visit], site: Path, axe_source: str, artifacts: Path, scheme: str) -> None:
    visit = open_context(color_scheme=scheme)
    problems = []
    for name, relative in page_types(site).items():
        page = visit.open(relative)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == _SCHEMES[scheme]
        page.add_script_tag(content=axe_source)
        for violation in page.evaluate(_AXE_RUN):
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{relative} [{scheme}] {violation['id']} ({violation['impact']}): "
                                f"{violation['help']} at {violation['targets'][:5]}")
        if scheme == "dark":
            page.screenshot(path=artifacts / f"{name}-desktop-dark.png", full_page=True)
    assert problems == [], "\n".join(problems)
    visit.assert_clean()

"""The implementation page in a real headless Chromium, opened from file:// with the network cut:
the filter by document and by status, the chart as drawn, and the page without script."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from annotated_edition import edition_config_for, load_edition

from .support import ROOT, Visit

pytestmark = pytest.mark.browser

EDITION = load_edition(edition_config_for(ROOT))


def _visible_rows(visit: Visit) -> list[str]:
    assert visit.page is not None
    return visit.page.locator("tr.ae-commitment-row:visible").evaluate_all("rows => rows.map(r => r.id)")


def test_the_filter_narrows_the_table_by_document_and_status_offline(visit: Visit) -> None:
    page = visit.open("implementation.html")
    form = page.locator("form.ae-filter")
    expect(form).to_be_visible()
    everything = len(EDITION.commitments)
    assert len(_visible_rows(visit)) == everything
    expect(page.locator(".ae-filter__count")).to_have_text(f"Showing {everything} of {everything} commitments.")

    page.select_option('select[data-filter="document"]', "panmunjom-2018")
    panmunjom = [f"commitment-{c.id}" for c in EDITION.commitments if c.target.document == "panmunjom-2018"]
    assert sorted(_visible_rows(visit)) == sorted(panmunjom)
    expect(page.locator(".ae-filter__count")).to_have_text(
        f"Showing {len(panmunjom)} of {everything} commitments.")

    page.select_option('select[data-filter="status"]', "reversed")
    both = [f"commitment-{c.id}" for c in EDITION.commitments
            if c.target.document == "panmunjom-2018" and c.current.status == "reversed"]
    assert both and sorted(_visible_rows(visit)) == sorted(both)

    page.select_option('select[data-filter="document"]', "")
    reversed_anywhere = [f"commitment-{c.id}" for c in EDITION.commitments if c.current.status == "reversed"]
    assert sorted(_visible_rows(visit)) == sorted(reversed_anywhere) and len(reversed_anywhere) > len(both)

    page.select_option('select[data-filter="status"]', "")
    assert len(_visible_rows(visit)) == everything

    # Following a row's clause link leads to the commitment on its clause page.
    first = EDITION.commitments[0]
    page.locator(f"#commitment-{first.id} a.ae-commitment-row__clause").click()
    expect(page.locator(f"article#commitment-{first.id}")).to_be_visible()
    visit.assert_clean()


def test_the_chart_is_drawn_and_readable_offline(visit: Visit) -> None:
    page = visit.open("implementation.html")
    svg = page.locator("figure.ae-chart-figure svg")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    expect(svg).to_have_accessible_name("Commitments by status over time")
    expect(svg).to_have_accessible_description(
        page.locator("#ae-chart-desc").evaluate("node => node.textContent").strip())
    assert page.locator("figure.ae-chart-figure svg rect.ae-chart__bar").count() > 0
    expect(page.locator("table.ae-chart-table")).to_be_visible()
    visit.assert_clean()


def test_without_script_the_table_is_complete_and_the_filter_hidden(browser: Browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    blocked: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()
    context.route("**/*", guard)
    try:
        page = context.new_page()
        page.goto((site / "implementation.html").as_uri())
        expect(page.locator("form.ae-filter")).to_be_hidden()
        expect(page.locator("tr.ae-commitment-row")).to_have_count(len(EDITION.commitments))
        assert page.locator("tr.ae-commitment-row:visible").count() == len(EDITION.commitments)
        expect(page.locator("figure.ae-chart-figure svg")).to_be_visible()
        assert blocked == []
    finally:
        context.close()

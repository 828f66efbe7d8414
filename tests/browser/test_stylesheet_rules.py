"""The compacted stylesheet the site ships has the same rules as its parts, as Chromium parses
them: compaction (render/stylesheet.py) removes bytes, never a rule or a declaration."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from annotated_edition.render.assets import PAGE_STYLESHEETS, STYLESHEET, STYLESHEET_PARTS

ASSETS = Path(__file__).resolve().parents[2] / "plugins/annotated_edition/assets"

# Every rule as the CSS object model serializes it, nested rules (media queries) included.
RULES = """(text) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  const out = [];
  const walk = (rules) => { for (const rule of rules) { out.push(rule.cssText); if (rule.cssRules) walk(rule.cssRules); } };
  walk(sheet.cssRules);
  return out;
}"""


def test_the_shipped_stylesheets_parse_to_the_rules_of_their_sources(browser: Browser, site: Path) -> None:
    sheets = {STYLESHEET: "\n".join((ASSETS / part).read_text(encoding="utf-8") for part in STYLESHEET_PARTS)}
    for shipped_path in {sheet for sheets_of_page in PAGE_STYLESHEETS.values() for sheet in sheets_of_page}:
        sheets[shipped_path] = (ASSETS / shipped_path.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
    assert len(sheets) == 3
    page = browser.new_page()
    try:
        for shipped_path, original in sheets.items():
            shipped = (site / shipped_path).read_text(encoding="utf-8")
            assert len(shipped) < 0.9 * len(original), shipped_path
            expected, actual = page.evaluate(RULES, original), page.evaluate(RULES, shipped)
            assert len(expected) >= 10, shipped_path
            assert actual == expected, shipped_path
    finally:
        page.close()

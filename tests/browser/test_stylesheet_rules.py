"""The compacted stylesheet the site ships has the same rules as its parts, as Chromium parses
them: compaction (render/stylesheet.py) removes bytes, never a rule or a declaration."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from annotated_edition.render.site import STYLESHEET, STYLESHEET_PARTS

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


def test_the_shipped_stylesheet_parses_to_the_rules_of_its_parts(browser: Browser, site: Path) -> None:
    original = "\n".join((ASSETS / part).read_text(encoding="utf-8") for part in STYLESHEET_PARTS)
    shipped = (site / STYLESHEET).read_text(encoding="utf-8")
    assert len(shipped) < 0.85 * len(original)
    page = browser.new_page()
    try:
        expected, actual = page.evaluate(RULES, original), page.evaluate(RULES, shipped)
    finally:
        page.close()
    assert len(expected) > 200
    assert actual == expected

"""Reading first (issue 12), on a desktop (1280×800) and a phone (390×844), from file:// with
the network cut: clause pages put the commentary before the cross-references; note markers are
numbered along the text; both document pages list their clauses in the table of contents and
mark the one in view; a highlighted phrase opens its note by click and by Enter, keeps focus
inside and gives it back; open notes sit beside the text on a wide screen and below the words
on a phone; citations copy; and the pages stay free of serious accessibility problems with a
note open, light and dark."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Page, expect

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition

from .support import DESKTOP, PHONE, ROOT, Visit

pytestmark = pytest.mark.browser

EDITION = load_edition(edition_config_for(ROOT))
VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
CLAUSE_PAGES = [f"{d.id}/{c.id}.html" for d in EDITION.documents.values() for c in d.clauses]
DOCUMENT_PAGES = [f"{d}/index.html" for d in EDITION.documents]
_INSIDE = ("() => { const p = document.querySelector('.ae-popover:popover-open');"
           " return !!p && p.contains(document.activeElement); }")
_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"], preload: false});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" "))}));
}"""


def _heading_tops(page: Page) -> dict[str, float]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('article h2')]
        .map(h => [h.textContent.replace('¶', '').replace(/\\s*\\(\\d+\\)$/, '').trim(),
                   h.getBoundingClientRect().top + window.scrollY]))""")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_commentary_precedes_cross_references_on_every_clause_page(
        open_context: Callable[..., Visit], viewport: dict[str, int]) -> None:
    visit = open_context(viewport=viewport)
    for relative in CLAUSE_PAGES:
        page = visit.open(relative)
        tops = _heading_tops(page)
        assert tops["Commentary"] < tops["Cross-references"], relative
        later = [tops[name] for name in ("Implementation", "On the timeline", "Cite this clause") if name in tops]
        assert all(tops["Cross-references"] < top for top in later), (relative, tops)
        assert later == sorted(later), (relative, tops)
        # Contributors' one line comes last, without a shell command.
        contribute = page.locator(".ae-contribute")
        expect(contribute).to_have_count(1)
        assert "make note" not in page.locator("article.md-content__inner").inner_text()
    visit.assert_clean()


def _marker_numbers_along_the_text(page: Page, scope: str) -> list[list[tuple[int, float, float]]]:
    """Per text block: each marker's number and where it stands (line, then column)."""
    return page.evaluate("""scope => [...document.querySelectorAll(scope)].map(block =>
        [...block.querySelectorAll('.ae-marker')].map(m => {
            const r = m.getBoundingClientRect();
            return [Number(m.dataset.n), Math.round(r.top + window.scrollY), r.left];
        }))""", scope)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_note_markers_are_numbered_in_reading_order(open_context: Callable[..., Visit], viewport: dict[str, int]) -> None:
    visit = open_context(viewport=viewport)
    pages = {relative: ".ae-clause__text, .ae-clause__summary" for relative in DOCUMENT_PAGES}
    pages.update({relative: ".ae-clause-page__text, .ae-clause-page__summary" for relative in CLAUSE_PAGES})
    blocks_with_two = 0
    for relative, scope in pages.items():
        page = visit.open(relative)
        for markers in _marker_numbers_along_the_text(page, scope):
            numbers = [number for number, _, _ in markers]
            assert numbers == list(range(1, len(markers) + 1)), (relative, numbers)
            # Along the text: each marker below the previous one, or on its line and to its right.
            positions = [(top, left) for _, top, left in markers]
            for (top_a, left_a), (top_b, left_b) in zip(positions, positions[1:]):
                assert top_b > top_a + 4 or (abs(top_b - top_a) <= 4 and left_b > left_a), (relative, markers)
            blocks_with_two += len(markers) >= 2
    assert blocks_with_two >= 3, "Preamble ¶2, Point 4 and Closing ¶1 have two notes or more"
    visit.assert_clean()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("document_id", list(EDITION.documents))
def test_the_table_of_contents_lists_every_clause(open_context: Callable[..., Visit], viewport: dict[str, int],
                                                  document_id: str) -> None:
    visit = open_context(viewport=viewport)
    page = visit.open(f"{document_id}/index.html")
    toc = page.locator('.md-sidebar--secondary [data-md-component="toc"] a')
    hrefs = toc.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [f"#{clause.id}" for clause in EDITION.documents[document_id].clauses]
    if viewport == DESKTOP:
        expect(toc.first).to_be_visible()
        # The scroll spy marks the clause in view.
        last = EDITION.documents[document_id].clauses[-3]
        page.evaluate(f"""() => {{ const top = document.getElementById('{last.id}').getBoundingClientRect().top;
                                   window.scrollTo(0, window.scrollY + top + 30); }}""")
        active = page.locator('.md-sidebar--secondary a.md-nav__link--active')
        expect(active).to_have_attribute("href", f"#{last.id}", timeout=5000)
    else:
        # On a phone the contents are in the menu, under the page's entry.
        page.locator('.md-header label[for="__drawer"]').click()
        page.locator('.md-nav--primary label[for="__toc"]').first.click()
        expect(page.locator(f'.md-nav--primary .md-nav--secondary a[href="#{last_id(document_id)}"]')).to_be_visible()
    visit.assert_clean()


def last_id(document_id: str) -> str:
    return EDITION.documents[document_id].clauses[-1].id


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_highlighted_phrase_opens_its_note_by_click_and_by_enter(
        open_context: Callable[..., Visit], viewport: dict[str, int], artifacts: Path) -> None:
    visit = open_context(viewport=viewport)
    page = visit.open("singapore-2018/index.html")
    phrase = page.locator("mark.ae-phrase[role=button]").nth(1)
    expect(phrase).to_have_attribute("tabindex", "0")
    popover = page.locator(f"#{phrase.get_attribute('aria-controls')}")
    phrase.scroll_into_view_if_needed()
    phrase.click()
    expect(popover).to_be_visible()
    expect(phrase).to_have_attribute("aria-expanded", "true")
    box, words = popover.bounding_box(), phrase.bounding_box()
    assert box and words
    if viewport == DESKTOP:
        text = phrase.evaluate("""p => { const r = p.closest('.ae-clause__text').getBoundingClientRect();
                                          return {x: r.x, width: r.width}; }""")
        assert text and box["x"] >= text["x"] + text["width"] - 60, "beside the text, in the right margin"
        assert abs(box["y"] - words["y"]) < 40, "level with its words"
    else:
        assert box["y"] >= words["y"] + words["height"] - 1 or box["y"] + box["height"] <= words["y"] + 1, \
            "just below (or above) its words, not over them"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    name = "desktop" if viewport == DESKTOP else "phone"
    page.screenshot(path=artifacts / f"statement-note-open-{name}.png")
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    assert phrase.evaluate("p => p === document.activeElement"), "focus returns to the phrase"

    # By keyboard: Enter opens, Tab and Shift+Tab stay inside, Escape gives focus back.
    phrase.focus()
    page.keyboard.press("Enter")
    expect(popover).to_be_visible()
    page.wait_for_function(_INSIDE)
    for key in ["Tab"] * 5 + ["Shift+Tab"] * 5:
        page.keyboard.press(key)
        assert page.evaluate(_INSIDE), f"{key} left the open note"
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    assert phrase.evaluate("p => p === document.activeElement")
    page.keyboard.press(" ")
    expect(popover).to_be_visible()
    page.keyboard.press("Escape")
    visit.assert_clean()


def test_on_a_clause_page_the_phrase_leads_to_its_note(visit: Visit) -> None:
    page = visit.open("singapore-2018/point-4.html")
    phrase = page.locator("mark.ae-phrase[role=button]").first
    slug = phrase.get_attribute("data-note")
    phrase.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#note-{slug}'")
    visit.assert_clean()


def test_plain_text_takes_phrases_out_of_the_tab_order(visit: Visit) -> None:
    page = visit.open("singapore-2018/index.html")
    page.locator('[data-ae-view="plain"]').click()
    phrase = page.locator("mark.ae-phrase[role=button]").first
    expect(phrase).to_have_attribute("tabindex", "-1")
    phrase.click()
    expect(page.locator(".ae-popover:popover-open")).to_have_count(0)
    page.locator('[data-ae-view="annotated"]').click()
    expect(phrase).to_have_attribute("tabindex", "0")
    visit.assert_clean()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_clause_pages_show_where_they_are_with_previous_and_next_at_the_top(
        open_context: Callable[..., Visit], viewport: dict[str, int]) -> None:
    visit = open_context(viewport=viewport)
    page = visit.open("singapore-2018/point-3.html")
    trail = page.locator("nav.ae-where .ae-where__trail li")
    expect(trail).to_have_text(["Singapore Joint Statement", "Point 3"])
    where, heading = page.locator("nav.ae-where").bounding_box(), page.locator("article h1").bounding_box()
    assert where and heading and where["y"] < heading["y"] + heading["height"]
    page.locator("nav.ae-where a.ae-next").click()
    page.wait_for_url("**/singapore-2018/point-4.html")
    page.locator("nav.ae-where a.ae-prev").click()
    page.wait_for_url("**/singapore-2018/point-3.html")
    page.locator("nav.ae-where .ae-where__trail a").first.click()
    page.wait_for_url("**/singapore-2018/index.html")
    nested = visit.open("panmunjom-2018/article-3.4.html")
    expect(nested.locator("nav.ae-where .ae-where__trail li")).to_have_text(
        ["Panmunjom Declaration", "Art. 3", "Art. 3(4)"])
    visit.assert_clean()


def test_cite_this_note_and_copy_the_citation(open_context: Callable[..., Visit]) -> None:
    visit = open_context()
    page = visit.open("singapore-2018/point-3.html")
    note = EDITION.notes_for(EDITION.documents["singapore-2018"].clause("point-3").ref)[0]
    page.locator(f'article.ae-note[data-note="{note.slug}"] a.ae-cite-note').click()
    citation = page.locator(f"#cite-{note.anchor}")
    expect(citation).to_be_in_viewport()
    text = citation.locator(".ae-cite__text").inner_text()
    assert note.title in text and note.authors[0].name in text
    assert text.rstrip(".").endswith(f"/singapore-2018/point-3.html#{note.anchor}")
    assert text.split(f"#{note.anchor}")[0].split()[-1].startswith("https://"), "an absolute permalink"
    button = citation.locator("button.ae-copy")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("Copied")
    # The fallback (no Clipboard API) copies too.
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})")
    clause_copy = page.locator('button.ae-copy[data-ae-copy="cite-clause"]')
    clause_copy.click()
    expect(clause_copy).to_have_text("Copied")
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_serious_accessibility_problem_with_a_note_open(
        open_context: Callable[..., Visit], axe_source: str, scheme: str, viewport: dict[str, int],
        artifacts: Path) -> None:
    visit = open_context(color_scheme=scheme, viewport=viewport)
    page = visit.open("singapore-2018/index.html")
    phrase = page.locator("mark.ae-phrase[role=button]").first
    phrase.scroll_into_view_if_needed()
    phrase.click()
    expect(page.locator(".ae-popover:popover-open")).to_have_count(1)
    page.add_script_tag(content=axe_source)
    assert page.evaluate(_AXE_RUN) == []
    name = "desktop" if viewport == DESKTOP else "phone"
    page.screenshot(path=artifacts / f"statement-note-open-{name}-{scheme}.png")
    clause = visit.open("singapore-2018/point-3.html")
    clause.add_script_tag(content=axe_source)
    assert clause.evaluate(_AXE_RUN) == []
    visit.assert_clean()

"""Reading from file:// with the network cut: search, cross-links both ways, phrase notes, tooltips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition
from annotated_edition.model import Note

from .support import ROOT, Visit, search

pytestmark = pytest.mark.browser

EDITION = load_edition(edition_config_for(ROOT))
_WORD = re.compile(r"[A-Za-z]{6,}")


def _site_text_without_notes(site: Path) -> str:
    """The words of every page except the notes themselves: what a note-only word must avoid."""
    texts = []
    for path in site.rglob("*.html"):
        if path.name == "print.html":  # the print edition repeats every note
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select("article.ae-note, .ae-popover, .ae-newest, nav, script, title"):
            element.decompose()
        texts.append(soup.get_text(" "))
    return " ".join(texts).lower()


def _note_only_word(site: Path) -> tuple[str, Note]:
    """A word that occurs in a note and nowhere else in the site (nor does its stem's start)."""
    elsewhere = _site_text_without_notes(site)
    for note in sorted(EDITION.notes, key=lambda n: n.slug):
        for word in sorted(set(_WORD.findall(note.body)), key=lambda w: (-len(w), w)):
            if word.lower()[:6] not in elsewhere:
                return word, note
    raise AssertionError("every word of every note also occurs outside the notes: add a distinctive note")


def test_search_finds_a_word_that_only_a_note_contains(visit: Visit, site: Path) -> None:
    word, note = _note_only_word(site)
    page = visit.open("index.html")
    results = search(page, word)
    assert f"{note.target.document}/{note.target.clause}.html" in results, (word, results)
    visit.assert_clean()


def test_search_finds_words_of_the_clause_text(visit: Visit) -> None:
    clause = EDITION.documents["singapore-2018"].clause("point-4")
    word = max(_WORD.findall(clause.text), key=len)
    page = visit.open("singapore-2018/point-3.html")
    results = search(page, word)
    assert {"singapore-2018/index.html", "singapore-2018/point-4.html"} & set(results), (word, results)
    visit.assert_clean()


@pytest.mark.parametrize("start, cross_link", [
    ("singapore-2018/index.html", 'section#point-3 .ae-clause__links a[href$="panmunjom-2018/article-3.4.html"]'),
    ("singapore-2018/point-3.html", '.ae-clause-links a[href$="panmunjom-2018/article-3.4.html"]'),
])
def test_point_3_leads_to_article_3_4_and_its_backlink_leads_back(visit: Visit, start: str, cross_link: str) -> None:
    page = visit.open(start)
    page.locator(cross_link).click()
    page.wait_for_url("**/panmunjom-2018/article-3.4.html")
    expect(page.locator("article h1")).to_contain_text("Art. 3(4)")
    page.locator('.ae-xrefs--in a[href$="singapore-2018/point-3.html"]').click()
    page.wait_for_url("**/singapore-2018/point-3.html")
    expect(page.locator("article h1")).to_contain_text("Point 3")
    visit.assert_clean()


def test_the_declaration_block_of_article_3_4_links_back_to_point_3(visit: Visit) -> None:
    page = visit.open("singapore-2018/index.html")
    page.locator("section#point-3 .ae-clause__text a.ae-text-link").click()
    page.wait_for_url("**/panmunjom-2018/index.html")
    block = page.locator('section[id="article-3.4"]')
    expect(block.locator(".ae-clause__label")).to_contain_text("Art. 3(4)")
    block.locator('.ae-xrefs--in a[href$="singapore-2018/point-3.html"]').click()
    page.wait_for_url("**/singapore-2018/point-3.html")
    visit.assert_clean()


def _is_open(page: Page, popover_id: str) -> bool:
    return page.locator(f'[id="{popover_id}"]').evaluate("element => element.matches(':popover-open')")


def test_phrase_notes_open_from_the_keyboard_and_the_mouse(visit: Visit) -> None:
    page = visit.open("singapore-2018/index.html")
    markers = page.locator("button.ae-marker[popovertarget]")
    assert markers.count() == sum(1 for n in EDITION.notes if n.quote and n.target.document == "singapore-2018")
    for index in range(markers.count()):
        marker = markers.nth(index)
        popover_id = marker.get_attribute("popovertarget")
        assert marker.evaluate("element => element.tabIndex") >= 0
        for key in ("Enter", " "):
            marker.focus()
            page.keyboard.press(key)
            assert _is_open(page, popover_id), f"{key!r} did not open {popover_id}"
            expect(page.locator(f'[id="{popover_id}"]')).to_be_visible()
            page.keyboard.press("Escape")
            assert not _is_open(page, popover_id)
        marker.click()
        assert _is_open(page, popover_id)
        page.keyboard.press("Escape")
        assert not _is_open(page, popover_id)
    visit.assert_clean()


def test_a_phrase_note_leads_to_the_full_note_by_keyboard(visit: Visit) -> None:
    note = next(n for n in EDITION.notes if n.quote and n.target.document == "singapore-2018")
    page = visit.open("singapore-2018/index.html")
    marker = page.locator(f'section[id="{note.target.clause}"] '
                          f'button.ae-marker[popovertarget="pop-{note.target.clause}-{note.slug}"]')
    marker.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # an open popover comes next in the focus order after its button
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Read the full note"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{note.target.clause}.html#{note.anchor}")
    expect(page.locator(f'[id="{note.anchor}"]')).to_be_in_viewport()
    visit.assert_clean()


def test_cross_reference_reasons_show_as_tooltips(visit: Visit) -> None:
    link = next(l for l in EDITION.crossrefs if str(l.source) == "singapore-2018/point-3" and l.target.clause)
    page = visit.open("singapore-2018/point-3.html")
    page.locator(f'.ae-clause-links a[href$="{link.target.document}/{link.target.clause}.html"]').hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(link.reason)
    visit.assert_clean()

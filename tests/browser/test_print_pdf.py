"""The print edition, printed to PDF by headless Chromium and read back as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition
from annotated_edition.render.print_edition import endnote_order
from annotated_edition.render.context import RenderContext
from annotated_edition.sources.edition import link_graph

from .support import ROOT

pytestmark = pytest.mark.browser

EDITION = load_edition(edition_config_for(ROOT))


def _squeeze(text: str) -> str:
    """PDF text breaks lines anywhere: compare with all whitespace removed."""
    return re.sub(r"\s+", "", text)


def _find_in_order(haystack: str, needles: list[str], start: int = 0) -> list[int]:
    positions = []
    for needle in needles:
        found = haystack.find(needle, start)
        assert found >= 0, f"{needle!r} missing after position {start}: {haystack[start:start + 300]!r}"
        positions.append(found)
        start = found + len(needle)
    return positions


@pytest.fixture(scope="module")
def pdf_text(browser, site: Path, artifacts: Path) -> str:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site / "print.html").as_uri(), wait_until="load")
        pdf = artifacts / "print-edition.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    return "\n".join(p.extract_text() for p in reader.pages)


def test_pdf_has_every_clause_label_in_order(pdf_text: str) -> None:
    text = _squeeze(pdf_text)
    start = 0
    for document in EDITION.documents.values():
        # Each document's labels come after its title and before the next document's.
        title_at = _find_in_order(text, [_squeeze(document.title)], start)[0]
        positions = _find_in_order(text, [_squeeze(c.label) for c in document.clauses], title_at)
        start = positions[-1]


def test_pdf_has_every_note_as_an_endnote_with_printed_addresses(pdf_text: str) -> None:
    text = _squeeze(pdf_text)
    endnotes = endnote_order(RenderContext(EDITION, link_graph(EDITION)))
    # The endnotes follow the last clause of the last document.
    last_document = list(EDITION.documents.values())[-1]
    title_at = text.find(_squeeze(last_document.title))
    notes_heading = _find_in_order(text, [_squeeze(c.label) for c in last_document.clauses], title_at)[-1]
    _find_in_order(text, [_squeeze(e.note.title) for e in endnotes], notes_heading)
    for endnote in endnotes:
        for source in endnote.note.sources:
            if source.url:
                assert _squeeze(source.url) in text
    # Absolute under the site's address (site_url) when it is known.
    assert re.search(r"\(editionpage:(https://\S*?/)?panmunjom-2018/article-3\.4\.html\)", text)


def test_pdf_leaves_out_the_site_chrome(pdf_text: str) -> None:
    # Navigation entries, the search box and the footer belong to the screen only.
    for screen_only in ("Data formats", "Search", "Made with"):
        assert screen_only not in pdf_text

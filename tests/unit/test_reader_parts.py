"""Small pure parts of the reader work: theme repairs (Nu checker, 404 from disk), selectors
that keep the page's whitespace, citations of a summarized document."""

from __future__ import annotations

import json
import re

import bibtexparser
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import ROOT

from annotated_edition import edition_config_for
from annotated_edition.adapter.theme_fixes import drop_checkbox_autocomplete, relative_not_found_page
from annotated_edition.exports.citations import bibtex, cite, csl_json, plain_text
from annotated_edition.exports.edition_info import EditionInfo
from annotated_edition.exports.rendered_text import raw_slice, extract_rendered_text, normalize, quote_selector
from annotated_edition.model import Ref
from annotated_edition.render.knowledge import cite_section
from annotated_edition.urls import Linker
from annotated_edition.sources.edition import load_edition

EDITION = load_edition(edition_config_for(ROOT))
INFO = EditionInfo(title="An Edition", editors=("Ed One",), version="1.0", date="2026-11-28",
                   base_url="https://example.org/edition/")
CSL_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "csl-data.schema.json").read_text(encoding="utf-8"))


# --- theme repairs ----------------------------------------------------------------------------

def test_autocomplete_leaves_checkboxes_and_stays_on_text_inputs() -> None:
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" class="md-search__input" autocomplete="off">')
    fixed = drop_checkbox_autocomplete(page)
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in fixed
    assert '<input type="text" class="md-search__input" autocomplete="off">' in fixed


NOT_FOUND = ('<html><head><link rel="stylesheet" href="/ed/assets/main.css"><script data-scope="/ed/">x</script>'
             '</head><body><a href="/ed/">home</a><a href="/ed/a/b.html#c">b</a><a href="/other/x">x</a>'
             '<script id="__config" type="application/json">{"base": "/ed/", "search": "/ed/w.js"}</script>'
             '<script src="/ed/bundle.js"></script></body></html>')


def test_the_404_page_gets_paths_from_the_site_root_and_a_base_only_when_served() -> None:
    fixed = relative_not_found_page(NOT_FOUND, "/ed/")
    assert 'href="assets/main.css"' in fixed and 'src="bundle.js"' in fixed and 'data-scope="./"' in fixed
    assert 'href="./"' in fixed and 'href="a/b.html#c"' in fixed
    assert 'href="/other/x"' in fixed, "paths outside the site are not the site's"
    head = fixed.split("<head>", 1)[1]
    assert head.startswith("<script>") and '"/ed/"' in head.split("</script>", 1)[0]
    assert 'location.protocol!=="file:"' in head.split("</script>", 1)[0]
    config_end = fixed.index('</script>', fixed.index('id="__config"'))
    assert fixed[config_end:].startswith('</script><script>/* Opened from disk')


def test_a_site_at_the_server_root_gets_relative_paths_too() -> None:
    fixed = relative_not_found_page(NOT_FOUND.replace("/ed/", "/"), "/")
    assert 'href="assets/main.css"' in fixed and 'src="bundle.js"' in fixed


# --- selectors keep the page's whitespace ------------------------------------------------------

@given(st.text(alphabet="ab \n\t", max_size=14), st.data())
def test_a_raw_slice_collapses_to_the_collapsed_slice(raw: str, data: st.DataObject) -> None:
    text = normalize(raw)
    low = data.draw(st.integers(0, len(text)))
    high = data.draw(st.integers(low, len(text)))
    piece = raw_slice(raw, low, high)
    assert piece in raw and re.sub(r"\s+", " ", piece) == text[low:high]


def test_a_selector_across_line_breaks_keeps_them() -> None:
    block = ("<section class=\"ae-clause\" data-clause=\"s\"><div class=\"ae-clause__text\">\n"
             "<p>June 12, 2018\nSentosa Island\nSingapore</p>\n</div></section>")
    rendered = extract_rendered_text(block)
    clause_text = "June 12, 2018\nSentosa Island\nSingapore"
    selector = quote_selector(rendered, "s", clause_text, "Sentosa Island", clause_text.index("Sentosa"))
    assert selector["exact"] == "Sentosa Island"
    assert selector["prefix"].endswith("2018\n") and selector["suffix"].startswith("\nSingapore")
    assert selector["prefix"] + selector["exact"] + selector["suffix"] in block


# --- citing a summary ------------------------------------------------------------------------

def test_a_panmunjom_citation_cites_the_editors_summary_and_names_the_official_text() -> None:
    document = EDITION.documents["panmunjom-2018"]
    assert not document.has_text
    citation = cite(EDITION, INFO, Ref("panmunjom-2018", "article-3.4"))
    assert citation.summary and citation.title.endswith(": editors’ summary")
    assert citation.url == "https://example.org/edition/panmunjom-2018/article-3.4.html"
    sentence = plain_text(citation)
    official = f"official text, {document.source.url}." if document.source.url else "official text."
    assert sentence.endswith(official) and "Summarizes " in sentence
    section = cite_section(EDITION, INFO, directory_urls=False)(EDITION.clause(Ref("panmunjom-2018", "article-3.4")),
                                                               Linker("panmunjom-2018/article-3.4.md", False))
    assert (f'official text, <a href="{document.source.url}">' if document.source.url else "official text.") in section
    fields = {k: f.value for k, f in bibtexparser.parse_string(bibtex(citation)).entries[0].fields_dict.items()}
    assert fields["note"].startswith("Version 1.0. Editors' summary of ") and document.source.url in fields["note"]
    items = json.loads(csl_json(citation))
    Draft202012Validator(CSL_SCHEMA).validate(items)
    assert "official text" in items[0]["note"]


def test_a_singapore_citation_cites_the_text_itself() -> None:
    citation = cite(EDITION, INFO, Ref("singapore-2018", "point-3"))
    assert not citation.summary and "summary" not in plain_text(citation) and "note" not in json.loads(csl_json(citation))[0]

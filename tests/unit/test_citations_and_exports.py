"""Citation formats parse with real parsers; exports follow their schemas; text-quote
selectors are unique in the text they anchor against."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import citeproc
import pytest
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from jsonschema import Draft202012Validator

from conftest import ROOT

from annotated_edition import edition_config_for
from annotated_edition.exports.citations import Citation, bibtex, cite, csl_json, head_meta_tags, plain_text
from annotated_edition.sources.edition import load_edition
from annotated_edition.exports.edition_info import EditionInfo, edition_date
from annotated_edition.exports.data import annotations_jsonld, dumps, edition_json
from annotated_edition.model import Ref
from annotated_edition.notes.markdown import render_note_body
from annotated_edition.render.pages import render_clause_text
from annotated_edition.exports.rendered_text import RenderedText, extract_rendered_text, find_all, quote_selector
from annotated_edition.sources.schema_check import load_schema

CSL_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "csl-data.schema.json").read_text(encoding="utf-8"))
EDITION = load_edition(edition_config_for(ROOT))
INFO = EditionInfo(title="An Edition & Co.", editors=("Ed One", "Ed Two"), version="1.2.3", date="2026-11-28",
                   base_url="https://example.org/edition/")

TRICKY = Citation(ref=Ref("doc", "a-1.2"), key="doc-a-1.2", title="Clause 50% {odd} #1 & more_less $x ~y ^z \\w",
                  container="An Edition & Co.", editors=("O’Brien, Ann", "The editors"), version="1.0", date="2020-02",
                  url="https://example.org/doc/a-1.2.html?x=1%20y#frag", language="en", original_title="Treaty",
                  original_date="1999", original_url="", rights="")


def _bibtex_fields(text: str) -> dict[str, str]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    assert len(library.entries) == 1
    return {key: field.value for key, field in library.entries[0].fields_dict.items()}


def test_bibtex_parses_and_escapes_special_characters() -> None:
    text = bibtex(TRICKY)
    library = bibtexparser.parse_string(text)
    assert library.entries[0].key == "doc-a-1.2" and library.entries[0].entry_type == "misc"
    fields = _bibtex_fields(text)
    assert fields["title"] == r"{Clause 50\% \{odd\} \#1 \& more\_less \$x \textasciitilde{}y \textasciicircum{}z \textbackslash{}w}"
    assert fields["url"] == TRICKY.url, "a URL is kept as it is"
    assert fields["editor"] == "{O’Brien, Ann} and {The editors}", "each corporate or comma name is one braced name"
    assert fields["year"] == "2020" and fields["month"] == "feb" and fields["date"] == "2020-02"


def test_csl_json_follows_the_schema_and_a_csl_processor_formats_it() -> None:
    items = json.loads(csl_json(TRICKY))
    Draft202012Validator(CSL_SCHEMA).validate(items)
    assert items[0]["issued"] == {"date-parts": [[2020, 2]]}
    assert items[0]["editor"] == [{"literal": "O’Brien, Ann"}, {"literal": "The editors"}]
    styles = Path(citeproc.__file__).parent / "data" / "styles"
    style = CitationStylesStyle(str(sorted(styles.glob("*.csl"))[0]), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(CiteprocCitation([CitationItem("doc/a-1.2")]))
    rendered = str(bibliography.bibliography()[0])
    assert "Clause 50% {odd}" in rendered and "2020" in rendered and TRICKY.url in rendered


def test_a_real_clause_citation_in_all_forms() -> None:
    citation = cite(EDITION, INFO, Ref("singapore-2018", "point-3"))
    assert citation.url == "https://example.org/edition/singapore-2018/point-3.html"
    assert plain_text(citation) == ("“Singapore Joint Statement, Point 3.” In An Edition & Co., edited by Ed One and "
                                    "Ed Two. Version 1.2.3, November 28, 2026. "
                                    "https://example.org/edition/singapore-2018/point-3.html.")
    assert _bibtex_fields(bibtex(citation))["title"] == "{Singapore Joint Statement, Point 3}"
    Draft202012Validator(CSL_SCHEMA).validate(json.loads(csl_json(citation)))
    meta = head_meta_tags(citation)
    assert ("citation_title", "Singapore Joint Statement, Point 3") in meta
    assert ("citation_public_url", "https://example.org/edition/singapore-2018/point-3.html") in meta
    directory = cite(EDITION, INFO, Ref("singapore-2018", "point-3"), directory_urls=True)
    assert directory.url == "https://example.org/edition/singapore-2018/point-3/"


def test_without_a_site_address_no_url_tag_pretends_to_identify_the_page() -> None:
    citation = cite(EDITION, EditionInfo("T", (), "1", "2026-01-01"), Ref("singapore-2018", "point-3"))
    assert citation.url == "singapore-2018/point-3.html"
    names = {name for name, _ in head_meta_tags(citation)}
    assert "citation_public_url" not in names and "DC.identifier" not in names


def test_edition_date_comes_from_source_date_epoch_or_the_data() -> None:
    assert edition_date(EDITION, "1700000000") == "2023-11-14"
    newest_note = max(note.date for note in EDITION.notes)
    assert edition_date(EDITION, None) >= newest_note
    assert edition_date(EDITION, "") == edition_date(EDITION, None)


# --- rendered text and text-quote selectors -----------------------------------------------

def _page(*clauses: tuple[str, str]) -> str:
    blocks = [f'<section class="ae-clause" id="{cid}" data-clause="{cid}"><header><h2>{cid} label</h2></header>'
              f'<div class="ae-clause__text">\n{render_clause_text(text, [], [])}\n</div>'
              f'<div class="ae-popover"><p>{text}</p></div></section>' for cid, text in clauses]
    return '<div class="ae-document">' + "".join(blocks) + "</div>"


def test_rendered_text_is_the_clause_blocks_with_whitespace_collapsed() -> None:
    rendered = extract_rendered_text(_page(("a", "One  two\nthree.\n\nFour."), ("b", "Five.")))
    assert rendered.text == "One two three. Four. Five."
    assert rendered.clauses == {"a": (0, 20), "b": (21, 26)}


def test_selector_context_grows_until_the_selector_is_unique() -> None:
    repeated = "the DPRK commits. " * 3
    rendered = extract_rendered_text(_page(("a", repeated.strip()), ("b", "the DPRK commits")))
    clause_text = repeated.strip()
    second = find_all(clause_text, "DPRK")[1]
    selector = quote_selector(rendered, "a", clause_text, "DPRK", second, context=4)
    whole = selector["prefix"] + selector["exact"] + selector["suffix"]
    assert len(find_all(rendered.text, whole)) == 1
    assert rendered.text.index(whole) + len(selector["prefix"]) == rendered.text.index("DPRK", rendered.text.index("DPRK") + 1)


def test_selector_for_a_quote_the_page_does_not_show_is_an_error() -> None:
    with pytest.raises(ValueError, match="not in the rendered text"):
        quote_selector(RenderedText("abc", {"a": (0, 3)}), "a", "abc", "xyz", 0)


# --- exports -------------------------------------------------------------------------------

def _note_html(note):  # type: ignore[no-untyped-def]
    return render_note_body(note.body, note.anchor)


def test_edition_json_follows_its_schema_and_is_deterministic() -> None:
    first = dumps(edition_json(EDITION, INFO, ROOT, _note_html))
    assert first == dumps(edition_json(EDITION, INFO, ROOT, _note_html))
    data = json.loads(first)
    Draft202012Validator(load_schema("export-edition")).validate(data)
    clauses = {c["id"]: c for c in data["clauses"]}
    singapore = EDITION.documents["singapore-2018"]
    for clause in singapore.clauses:
        exported = clauses[str(clause.ref)]
        assert singapore.text[exported["start"]:exported["end"]] == exported["text"] == clause.text
    assert "summary" in clauses["panmunjom-2018/article-3.4"] and "text" not in clauses["panmunjom-2018/article-3.4"]
    assert str(ROOT) not in first, "no absolute path of this machine leaks into the export"


def test_annotations_follow_their_schema() -> None:
    rendered = {}
    for document in EDITION.documents.values():
        rendered[document.id] = extract_rendered_text(_page(*((c.id, c.display_text) for c in document.clauses)))
    data = annotations_jsonld(EDITION, INFO, rendered, _note_html)
    Draft202012Validator(load_schema("export-annotations")).validate(data)
    assert data["total"] == len(EDITION.notes) == len(data["first"]["items"])
    quoted = [a for a in data["first"]["items"] if len(a["target"]["selector"]) == 2]
    assert len(quoted) == len([n for n in EDITION.notes if n.quote])

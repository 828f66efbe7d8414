"""The exports compute each phrase note's TextQuoteSelector from the model (exports/rendered_text.py
``document_text``) instead of reading the rendered document pages back. That is only right while
the two texts are the same string, whitespace collapsed and as the page's text nodes hold it:
this holds them equal on the real site and on a synthetic corpus (texts and summaries, entity
mentions, in-text links, phrase markers and popovers)."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, Build, run_mkdocs_build

from annotated_edition import edition_config_for, load_edition
from annotated_edition.exports.rendered_text import document_text, extract_rendered_text
from annotated_edition.urls import page_url, page_source_path
from annotated_edition.model import Ref


def _assert_model_text_is_page_text(build: Build) -> int:
    edition = load_edition(edition_config_for(build.project))
    compared = 0
    for document in edition.documents.values():
        page = build.site / page_url(page_source_path(Ref(document.id)), False)
        rendered = extract_rendered_text(page.read_text(encoding="utf-8"))
        model = document_text(document)
        assert model.text == rendered.text, document.id
        assert model.clauses == rendered.clauses, document.id
        # The raw text (selectors keep the page's whitespace): equal but for the whitespace
        # around a block, which no selector can hold.
        assert {clause: raw.strip() for clause, raw in model.raw.items()} == \
            {clause: raw.strip() for clause, raw in rendered.raw.items()}, document.id
        compared += 1
    return compared


def test_the_real_sites_document_pages_show_the_models_text(built_site: Build) -> None:
    assert _assert_model_text_is_page_text(built_site) == 2


@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    sys.path.insert(0, str(ROOT / "scripts"))
    from synthetic_corpus import CorpusSize, write_corpus
    project = write_corpus(tmp_path_factory.mktemp("synthetic") / "project", CorpusSize(documents=4, clauses=6))
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    return build


def test_a_synthetic_corpus_document_pages_show_the_models_text(synthetic_build: Build) -> None:
    assert _assert_model_text_is_page_text(synthetic_build) == 4

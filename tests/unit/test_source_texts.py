"""The statement is kept byte for byte as received, and the real clause map fits it."""

from __future__ import annotations

import hashlib


from conftest import ROOT

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition

RECEIVED_SHA256 = "0e7c7c42590b64f93b2dada8e9fcc4b831f5e02b763a9e91f3820571c1b5ad8a"
SINGAPORE_IDS = ["title", "intro-1", "intro-2", "intro-3", "point-1", "point-2", "point-3", "point-4",
                 "closing-1", "closing-2", "signatures"]
PANMUNJOM_IDS = (["preamble", "article-1"] + [f"article-1.{i}" for i in range(1, 7)] + ["article-2"]
                 + [f"article-2.{i}" for i in range(1, 4)] + ["article-3"]
                 + [f"article-3.{i}" for i in range(1, 5)] + ["closing"])


def test_statement_text_is_byte_identical_to_the_received_file() -> None:
    data = (ROOT / "source_texts" / "singapore-2018.en.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == RECEIVED_SHA256
    received = ROOT.parent / "shared" / "source" / "singapore-joint-statement-2018.en.txt"
    if received.exists():  # beside a checkout; the hash above pins it everywhere else
        assert received.read_bytes() == data


def test_real_clause_maps_have_the_designed_ids_and_cover_the_text() -> None:
    edition = load_edition(edition_config_for(ROOT))
    singapore = edition.documents["singapore-2018"]
    assert [c.id for c in singapore.clauses] == SINGAPORE_IDS
    assert [c.id for c in edition.documents["panmunjom-2018"].clauses] == PANMUNJOM_IDS
    text = singapore.text
    assert text is not None
    for clause in singapore.clauses:
        assert clause.text == text[clause.start:clause.end]
    # Between clauses only whitespace remains: nothing lost, nothing covered twice.
    gaps = [text[a.end:b.start] for a, b in zip(singapore.clauses, singapore.clauses[1:])]
    assert all(not gap.strip() for gap in gaps)
    assert singapore.clauses[0].start == 0 and singapore.clauses[-1].end == len(text)
    assert singapore.clause("point-3").text.startswith("Reaffirming the April 27, 2018 Panmunjom Declaration")
    assert singapore.clause("closing-2").text.startswith("President Donald J. Trump")
    assert singapore.clause("intro-1").text.endswith("June 12, 2018.")


def test_panmunjom_outline_carries_no_text_only_summaries() -> None:
    edition = load_edition(edition_config_for(ROOT))
    panmunjom = edition.documents["panmunjom-2018"]
    assert panmunjom.text is None
    assert all(c.summary and c.text is None for c in panmunjom.clauses)
    assert panmunjom.clause("article-3.4").label == "Art. 3(4)"
    assert panmunjom.source.publisher



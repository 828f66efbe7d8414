"""The edition's own corpus meets the coverage and sourcing rules of the editorial policy
(docs/editorial-policy.md), and every correction listed in the errata is really gone.

These read the real files in the repository, not fixtures: a contributor whose note breaks a
rule sees this test name the note and the rule.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition
from annotated_edition.model import Note
from annotated_edition.note_citations import cited_keys, find_citations

EDITION = load_edition(edition_config_for(ROOT))
SINGAPORE_CLAUSES = ["title", "intro-1", "intro-2", "intro-3", "point-1", "point-2", "point-3", "point-4",
                     "closing-1", "closing-2", "signatures"]
MIN_NOTES_PER_SINGAPORE_CLAUSE = 2
MIN_PANMUNJOM_NOTES = 8
MIN_SOURCES_PER_NOTE = 2
MIN_NOTES_WITH_PARTY = {"dprk": 4, "rok": 4}
WORDS = (150, 450)


def _notes_on(document: str) -> list[Note]:
    return [note for note in EDITION.notes if note.target.document == document]


def test_the_clause_list_is_the_statements() -> None:
    assert [c.id for c in EDITION.documents["singapore-2018"].clauses] == SINGAPORE_CLAUSES


@pytest.mark.parametrize("clause", SINGAPORE_CLAUSES)
def test_every_singapore_clause_has_at_least_two_notes(clause: str) -> None:
    notes = [n.slug for n in _notes_on("singapore-2018") if n.target.clause == clause]
    assert len(notes) >= MIN_NOTES_PER_SINGAPORE_CLAUSE, f"singapore-2018/{clause} has only {notes}"


def test_panmunjom_has_notes_on_every_article_and_every_crossreferenced_clause() -> None:
    notes = _notes_on("panmunjom-2018")
    assert len(notes) >= MIN_PANMUNJOM_NOTES, [n.slug for n in notes]
    annotated = {n.target.clause for n in notes}
    articles = {c.id for c in EDITION.documents["panmunjom-2018"].clauses if re.fullmatch(r"article-\d+", c.id)}
    assert articles == {"article-1", "article-2", "article-3"}
    pointed_at = {x.target.clause for x in EDITION.crossrefs
                  if x.target.document == "panmunjom-2018" and x.target.clause is not None}
    assert pointed_at, "the cross-references point at Panmunjom clauses"
    assert articles | pointed_at <= annotated, f"without a note: {sorted((articles | pointed_at) - annotated)}"


@pytest.mark.parametrize("note", EDITION.notes, ids=[n.slug for n in EDITION.notes])
def test_every_note_has_two_sources_and_cites_each_in_its_body(note: Note) -> None:
    ids = [s.id for s in note.sources]
    assert len(ids) >= MIN_SOURCES_PER_NOTE, f"{note.slug}: {len(ids)} source(s)"
    assert all(ids) and len(set(ids)) == len(ids), f"{note.slug}: every source needs its own id: {ids}"
    assert sorted(cited_keys(note.body)) == sorted(ids), f"{note.slug}: cited {cited_keys(note.body)}, listed {ids}"


@pytest.mark.parametrize("note", EDITION.notes, ids=[n.slug for n in EDITION.notes])
def test_every_note_is_between_150_and_450_words_and_dated(note: Note) -> None:
    words = len(note.body.split())
    assert WORDS[0] <= words <= WORDS[1], f"{note.slug}: {words} words"
    assert "as of " in " ".join(note.body.split()).lower(), f"{note.slug} says nowhere as of when it was true"


def test_dprk_and_rok_primary_sources_each_support_enough_notes() -> None:
    counts = Counter(party for note in EDITION.notes for party in {s.party for s in note.sources if s.party})
    for party, minimum in MIN_NOTES_WITH_PARTY.items():
        assert counts[party] >= minimum, f"{party} primary sources in {counts[party]} notes, want {minimum}"


# How a source is recognised as a party's primary source: the `party` field, and its publisher
# must be that party's government (or a verbatim republication of its text).
_PUBLISHERS = {
    "dprk": re.compile(r"Korean Central News Agency|KCNA|DPRK"),
    "rok": re.compile(r"Republic of Korea"),
}


def _all_sources():  # type: ignore[no-untyped-def]
    for note in EDITION.notes:
        yield from note.sources
    for entity in EDITION.entities:
        yield from entity.sources
    for event in EDITION.events:
        yield from event.sources
    for document in EDITION.documents.values():
        yield document.source


def test_a_party_mark_matches_the_publisher() -> None:
    wrong = [(s.party, s.publisher) for s in _all_sources() if s.party in _PUBLISHERS
             and not _PUBLISHERS[s.party].search(s.publisher)]
    assert not wrong


_WEAK_PUBLISHERS = re.compile(r"Epoch Times|Al Bawaba|West Australian|BBC News", re.I)


def test_weak_sources_are_gone() -> None:
    assert not [s.publisher for s in _all_sources() if _WEAK_PUBLISHERS.search(s.publisher)]


def test_no_ministry_home_page_stands_for_the_declaration() -> None:
    assert not [s.url for s in _all_sources() if s.url.rstrip("/").endswith("eng_unikorea")]


def test_no_citation_hides_in_code_in_the_corpus() -> None:
    """The corpus uses the plain syntax only; a citation the checker skipped would be a typo."""
    for note in EDITION.notes:
        assert "`[@" not in note.body and "\\[@" not in note.body, note.slug
        assert len(find_citations(note.body)) >= len(note.sources), note.slug


# --- the errata ---------------------------------------------------------------------------------

ERRATA = ROOT / "docs" / "errata.md"
COMMENTARY = ROOT / "docs" / "commentary"
_ST = ROOT / "source_texts"

# Each correction of issue 14: its anchor in the errata, the file(s) it was in, and wording that
# must no longer be there (the wrong version) and wording that now stands (the correction).
CORRECTIONS = [
    ("leader-level-contact", [_ST / "crossrefs.yml"], "continued leader-level contact",
     "follow-on\n      negotiations led by the U.S. Secretary of State"),
    ("depend-on-confidence-building", [_ST / "crossrefs.yml"], "make progress on disarmament depend on",
     '"can promote" denuclearization'),
    ("moon-at-panmunjom-2019", [_ST / "timeline.yml"], "present for part of", "between Trump and Kim alone"),
    ("article-2-summary", [_ST / "panmunjom-2018.yml"], "set out in the first article",
     "bound up with the fate of the Korean people"),
    ("about-5300", [COMMENTARY / "singapore-2018/point-4/pow-mia-remains.md"], "5,300", "more than 7,600"),
    ("identifications-september-2018", [COMMENTARY / "singapore-2018/point-4/immediate-repatriation.md"],
     "expected by September 2018", "first two identifications were announced on September\n10–11, 2018"),
    ("military-agreement-2023", [COMMENTARY / "singapore-2018/point-3/reaffirming-panmunjom.md",
                                 _ST / "timeline.yml"], ("abandoned in November 2023", "DPRK abandons"),
     "suspended the whole agreement"),
    ("least-specific", [COMMENTARY / "singapore-2018/point-3/work-toward.md"],
     "least\nspecific of the texts the DPRK has signed", "Of the three texts compared in this note"),
    ("five-elements", [COMMENTARY / "singapore-2018/signatures/signature-block.md"], "five elements",
     "seven lines"),
    ("firmest-verb", [COMMENTARY / "singapore-2018/point-1/new-relations.md"], "firmest", "Point 4 and the first"),
    ("embassy-remark", [COMMENTARY / "singapore-2018/point-1/new-relations.md"], "a little bit early",
     "No liaison offices or embassies were opened"),
    ("usa-today-address", [_ST / "timeline.yml"], "2016/09/09/north-koreas-5-nuclear-tests",
     "A look at North Korea's 6 nuclear tests"),
    ("crs-wording", [COMMENTARY / "singapore-2018/intro-3/mutual-confidence-building.md",
                     COMMENTARY / "singapore-2018/closing-1/follow-on-negotiations.md",
                     _ST / "entities.yml", _ST / "timeline.yml"], "scope and sequencing", "sanctions relief"),
    ("bbc-video", [COMMENTARY / "singapore-2018/point-3/reaffirming-panmunjom.md",
                   COMMENTARY / "singapore-2018/closing-2/peace-prosperity-and-security.md",
                   _ST / "entities.yml", _ST / "timeline.yml"], "bbc.co.uk", "KCNA"),
    ("january-2024-sources", [COMMENTARY / "singapore-2018/closing-2/peace-prosperity-and-security.md",
                              _ST / "entities.yml", _ST / "timeline.yml"], "thewest.com.au", "Korean Central"),
    ("official-text-link", [_ST / "panmunjom-2018.yml", _ST / "entities.yml", _ST / "timeline.yml"],
     "unikorea.go.kr/eng_unikorea", "Ministry of Unification"),
]


def _errata_entries() -> dict[str, tuple[str, str]]:
    """Each entry's anchor → (the date section it is under, its text)."""
    html = markdown.markdown(ERRATA.read_text(encoding="utf-8"), extensions=["attr_list", "toc"])
    soup = BeautifulSoup(html, "html.parser")
    entries: dict[str, tuple[str, str]] = {}
    section = ""
    for heading in soup.find_all(["h2", "h4"]):
        if heading.name == "h2":
            section = heading.get_text(strip=True)
            continue
        parts = []
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h2", "h3", "h4"}:
                break
            parts.append(sibling.get_text(" ", strip=True))
        entries[heading["id"]] = (section, " ".join(parts))
    return entries


def test_the_errata_page_is_in_the_site_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "errata.md" in nav and "editorial-policy.md" in nav


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("anchor", "files", "was", "now"), CORRECTIONS, ids=[c[0] for c in CORRECTIONS])
def test_each_correction_is_listed_dated_and_made(anchor: str, files: list[Path], was: str | tuple[str, ...],
                                                  now: str) -> None:
    entries = _errata_entries()
    assert anchor in entries, f"the errata have no entry #{anchor}"
    section, text = entries[anchor]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", section) and section == "2026-11-29", section
    for label in ("Where:", "Was:", "Now:"):
        assert label in text, f"#{anchor} lacks '{label}'"
    contents = {path: _flat(path.read_text(encoding="utf-8")) for path in files}
    for path, content in contents.items():
        for wrong in (was,) if isinstance(was, str) else was:
            assert _flat(wrong).lower() not in content.lower(), f"{path.relative_to(ROOT)} still says {wrong!r}"
    assert any(_flat(now) in content for content in contents.values()), f"none of the files says {now!r}"


def test_every_errata_entry_is_checked_here() -> None:
    assert set(_errata_entries()) == {c[0] for c in CORRECTIONS}

"""Alias matching and the entities file: longest match first, whole words, case, links skipped,
and every data mistake reported at its line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_edition.diagnostics import Diagnostics
from annotated_edition.sources.entities import AliasMatcher, load_entities
from annotated_edition.model import Clause


def _found(matcher: AliasMatcher, text: str, blocked: list[tuple[int, int]] | None = None) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.entity) for m in matcher.find(text, blocked or [])]


def test_longest_alias_wins_where_aliases_overlap() -> None:
    matcher = AliasMatcher({"United States": "us", "United States of America": "usa-long",
                            "America and": "odd", "Trump": "trump", "President Donald J. Trump": "trump-long"})
    text = "President Donald J. Trump of the United States of America and the United States agree."
    assert _found(matcher, text) == [("President Donald J. Trump", "trump-long"),
                                     ("United States of America", "usa-long"), ("United States", "us")]


def test_a_longer_match_starting_later_beats_a_shorter_one_it_overlaps() -> None:
    matcher = AliasMatcher({"Korean": "adjective", "Korean Peninsula": "peninsula"})
    assert _found(matcher, "the Korean Peninsula") == [("Korean Peninsula", "peninsula")]
    overlapping = AliasMatcher({"A B": "short", "B C D": "long"})
    assert _found(overlapping, "A B C D") == [("B C D", "long")]


def test_possessive_ends_a_word_but_letters_do_not() -> None:
    matcher = AliasMatcher({"Korea": "korea", "DPRK": "dprk"})
    assert _found(matcher, "Korea’s future and Korea's past") == [("Korea", "korea"), ("Korea", "korea")]
    assert _found(matcher, "the Korean War, Koreas, SouthKorea") == []
    assert _found(matcher, "new U.S.–DPRK relations and DPRK-related talks") == [("DPRK", "dprk"), ("DPRK", "dprk")]
    assert _found(matcher, "DPRKs") == []


def test_matching_is_case_sensitive() -> None:
    matcher = AliasMatcher({"DONALD J. TRUMP": "trump", "Chairman Kim Jong Un": "kim"})
    assert _found(matcher, "Donald J. Trump and chairman Kim Jong Un") == []
    assert _found(matcher, "DONALD J. TRUMP\n\nKIM") == [("DONALD J. TRUMP", "trump")]


def test_aliases_with_punctuation_at_their_edges() -> None:
    matcher = AliasMatcher({"U.S.": "us", "POW/MIA remains": "remains"})
    assert _found(matcher, "the U.S. Secretary; recovering POW/MIA remains.") == [("U.S.", "us"), ("POW/MIA remains", "remains")]
    assert _found(matcher, "XU.S.") == [], "a word character before a word-character edge blocks the match"


def test_a_space_in_an_alias_matches_a_line_break() -> None:
    matcher = AliasMatcher({"President of the United States": "office"})
    assert _found(matcher, "President of the\nUnited States") == [("President of the\nUnited States", "office")]


def test_no_mention_inside_a_link() -> None:
    matcher = AliasMatcher({"Panmunjom Declaration": "declaration", "DPRK": "dprk"})
    text = "Reaffirming the April 27, 2018 Panmunjom Declaration, the DPRK commits"
    link = (text.index("April"), text.index(", the"))
    assert _found(matcher, text, [link]) == [("DPRK", "dprk")]
    assert _found(matcher, text) == [("Panmunjom Declaration", "declaration"), ("DPRK", "dprk")]


def test_a_blocked_longer_match_leaves_room_for_a_shorter_one() -> None:
    matcher = AliasMatcher({"Korean Peninsula": "peninsula", "Peninsula": "land"})
    text = "the Korean Peninsula"
    assert _found(matcher, text, [(4, 10)]) == [("Peninsula", "land")]


def test_overlapping_occurrences_of_one_alias_are_all_candidates() -> None:
    matcher = AliasMatcher({"ab ab": "x"})
    assert [(m.start, m.end) for m in matcher.find("ab ab ab")] == [(0, 5)]


WORDS = ["Korea", "Korean", "DPRK", "U.S.", "United", "States", "of", "America", "’s", "the", "Peninsula", "\n", ", "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.lists(st.tuples(st.integers(0, 80), st.integers(1, 12)), max_size=3))
def test_matches_never_overlap_and_are_exact_whole_words(words: list[str], blocks: list[tuple[int, int]]) -> None:
    text = " ".join(words)
    blocked = [(start, start + length) for start, length in blocks]
    aliases = {"Korea": "k", "Korean Peninsula": "p", "United States": "u", "United States of America": "ua",
               "DPRK": "d", "U.S.": "us", "the Korean": "tk"}
    matches = AliasMatcher(aliases).find(text, blocked)
    for first, second in zip(matches, matches[1:]):
        assert first.end <= second.start
    for match in matches:
        assert " ".join(text[match.start:match.end].split()) == match.alias
        assert not any(match.start < end and start < match.end for start, end in blocked)
        if re.match(r"\w", match.alias[0]) and match.start > 0:
            assert not re.match(r"\w", text[match.start - 1])
        if re.match(r"\w", match.alias[-1]) and match.end < len(text):
            assert not re.match(r"\w", text[match.end])


# --- the entities file -------------------------------------------------------------------

CLAUSES = [
    Clause("doc", "one", "One", text="President Trump met Chairman Kim Jong Un in Singapore.", start=0, end=53),
    Clause("doc", "two", "Two", text="The DPRK and the Korean Peninsula’s future.", start=54, end=97),
]

VALID_ENTITY = """\
  - id: {id}
    name: {name}
    type: person
    aliases: [{aliases}]
    description: Someone.
    sources:
      - {{title: A source, publisher: A publisher}}
"""


def _entities_file(tmp_path: Path, *entities: tuple[str, str, str]) -> Path:
    path = tmp_path / "entities.yml"
    path.write_text("entities:\n" + "".join(VALID_ENTITY.format(id=i, name=n, aliases=a) for i, n, a in entities),
                    encoding="utf-8")
    return path


def _load(path: Path) -> tuple[list, list, Diagnostics]:
    diagnostics = Diagnostics()
    entities, mentions = load_entities(path, CLAUSES, lambda clause: [], diagnostics)
    return entities, mentions, diagnostics


def test_a_valid_file_loads_entities_and_their_mentions(tmp_path: Path) -> None:
    path = _entities_file(tmp_path, ("trump", "Donald J. Trump", '"President Trump"'),
                          ("korea", "Korean Peninsula", '"Korean Peninsula"'), ("nobody", "Nobody", ""))
    entities, mentions, diagnostics = _load(path)
    assert not diagnostics, diagnostics.format()
    assert [e.id for e in entities] == ["trump", "korea", "nobody"]
    assert [(m.entity, str(m.clause), CLAUSES[0 if m.clause.clause == "one" else 1].text[m.start:m.end])
            for m in mentions] == [("trump", "doc/one", "President Trump"), ("korea", "doc/two", "Korean Peninsula")]


def test_a_missing_file_means_no_entities(tmp_path: Path) -> None:
    assert _load(tmp_path / "absent.yml")[:2] == ([], [])


@pytest.mark.parametrize(("entities", "line", "column", "message"), [
    ((("trump", "Donald J. Trump", '"President Trumpp"'),), 5, 15, "alias 'President Trumpp' of entity 'trump' occurs in no clause text"),
    ((("trump", "Donald J. Trump", '"President Trump"'), ("other", "Other", '"President Trump"')), 12, 15,
     "alias 'President Trump' is claimed by two entities: 'trump' (line 5) and 'other'"),
    ((("trump", "Donald J. Trump", '"President Trump", "President Trump"'),), 5, 34, "entity 'trump' lists the alias 'President Trump' twice"),
    ((("trump", "Donald J. Trump", ""), ("trump", "Again", "")), 9, 9, "duplicate entity id 'trump'"),
    ((("Trump", "Donald J. Trump", ""),), 2, 9, "'entities[0].id' is 'Trump'"),
    ((("trump", "Donald J. Trump", '" President Trump"'),), 5, 15, "'entities[0].aliases[0]' is ' President Trump'"),
])
def test_mistakes_are_reported_at_their_line_and_column(tmp_path: Path, entities: tuple, line: int, column: int,
                                                         message: str) -> None:
    path = _entities_file(tmp_path, *entities)
    loaded, _, diagnostics = _load(path)
    assert loaded == []
    formatted = diagnostics.format(tmp_path)
    assert f"entities.yml:{line}:{column}: error: {message}" in formatted, formatted


def test_schema_errors_name_the_field(tmp_path: Path) -> None:
    path = tmp_path / "entities.yml"
    path.write_text("entities:\n  - id: x\n    name: X\n    type: city\n    description: D.\n"
                    "    sources: [{title: T, publisher: P}]\n", encoding="utf-8")
    _, _, diagnostics = _load(path)
    assert "entities.yml:4:11: error: 'entities[0].type' is 'city'; expected one of: person, place, organization, term" \
        in diagnostics.format(tmp_path)


class _EverySearch(AliasMatcher):
    """The matcher without its first-word filter: every alias's pattern searched in every text."""

    @property
    def _patterns(self) -> list[tuple[str, re.Pattern[str], str]]:  # type: ignore[override]
        return [(alias, pattern, "") for alias, pattern, _first in super()._patterns]


_WORDS = st.sampled_from(["Kim", "Trump", "peace", "regime", "Korea", "-", "U.S.", "'s", "lasting"])


@settings(max_examples=300, deadline=None)
@given(aliases=st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4, unique=True),
       text=st.lists(st.one_of(_WORDS, st.sampled_from([" ", "  ", "\n", "\u00a0", ", "])), max_size=30).map("".join))
def test_the_first_word_filter_finds_what_every_search_finds(aliases: list[str], text: str) -> None:
    claims = {alias: f"e{index}" for index, alias in enumerate(aliases)}
    assert AliasMatcher(claims).find(text) == _EverySearch(claims).find(text)

"""The clause map must cover the text exactly once, in order, or fail with a reason."""

from __future__ import annotations

import pytest

from annotated_edition.sources.anchoring import AnchorProblem, ClauseSpec, Span, anchor_clauses, find_quote

TEXT = "Title line\nAlpha opens here. Beta follows.\n\nGamma ends it."


def test_clauses_cover_text_in_order() -> None:
    spans = anchor_clauses(TEXT, [ClauseSpec("t", "Title"), ClauseSpec("a", "Alpha"),
                                  ClauseSpec("b", "Beta"), ClauseSpec("g", "Gamma", ends="it.")])
    assert spans == [Span("t", 0, 10), Span("a", 11, 28), Span("b", 29, 42), Span("g", 44, 58)]
    assert [TEXT[s.start:s.end] for s in spans] == ["Title line", "Alpha opens here.", "Beta follows.",
                                                    "Gamma ends it."]


def test_repeated_openings_are_matched_after_the_previous_clause() -> None:
    text = "Same words one. Middle. Same words two."
    spans = anchor_clauses(text, [ClauseSpec("first", "Same words"), ClauseSpec("mid", "Middle"),
                                  ClauseSpec("second", "Same words")])
    assert isinstance(spans, list)
    assert [text[s.start:s.end] for s in spans] == ["Same words one.", "Middle.", "Same words two."]


@pytest.mark.parametrize(
    ("specs", "clause", "fragment"),
    [
        ([ClauseSpec("a", "Alpha")], "a", "before the first clause"),
        ([ClauseSpec("t", "Title"), ClauseSpec("x", "Nowhere in text")], "x", "are not in the text"),
        ([ClauseSpec("t", "Title"), ClauseSpec("b", "Beta"), ClauseSpec("a", "Alpha")], "a", "List clauses in the order"),
        ([ClauseSpec("t", "Title", ends="line"), ClauseSpec("b", "Beta")], "b", "not covered"),
        ([ClauseSpec("t", "Title", ends="Beta"), ClauseSpec("a", "Alpha")], "a", "starts inside clause 't'"),
        ([ClauseSpec("t", "Title"), ClauseSpec("g", "Gamma", ends="ends")], "g", "after the last clause"),
        ([ClauseSpec("t", "Title", ends="zzz")], "t", "'ends' words"),
        ([], "", "empty"),
    ],
)
def test_bad_clause_maps_fail_with_the_clause_to_blame(specs: list[ClauseSpec], clause: str, fragment: str) -> None:
    problem = anchor_clauses(TEXT, specs)
    assert isinstance(problem, AnchorProblem)
    assert problem.clause == clause
    assert fragment in problem.message + problem.hint


def test_find_quote_unique_missing_and_ambiguous() -> None:
    text = "commit to work toward peace and to work toward prosperity"
    assert find_quote(text, "peace").span == (22, 27)
    assert find_quote(text, "treaty").matches == 0
    ambiguous = find_quote(text, "work toward")
    assert ambiguous.span is None and ambiguous.matches == 2
    assert find_quote(text, "work toward", suffix=" peace").span == (10, 21)
    assert find_quote(text, "work toward", prefix="and to ").span == (35, 46)

"""Fast paths of in-text citations, each held here to give, for any input, exactly what the
general way (kept below as the reference) gives: the finder's scans jump from one backtick,
backslash or "<!--" to the next instead of looking at every character, and remember each
body's citations; placeholders are replaced through one pattern for every nonce."""

from __future__ import annotations

import re
from html import escape as html_escape
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_edition import note_citations
from annotated_edition.model import Note, Ref, SourceRef
from annotated_edition.note_citations import Citation, find_citations, source_numbers
from annotated_edition.render.citation_html import PreparedBody, cite_id, link_citations, prepare_body, source_id
from annotated_edition.render.templates import package_templates

TEMPLATES = package_templates()


def _reference_code_spans(body: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    index = start
    while index < end:
        char = body[index]
        if char == "\\" and index + 1 < end and body[index + 1] in note_citations._ESCAPABLE:
            index += 2
            continue
        if char == "`":
            run_end = index
            while run_end < end and body[run_end] == "`":
                run_end += 1
            run = run_end - index
            search = run_end
            closed = False
            runs: list[tuple[int, int]] = []  # every later run of backticks: (length, end)
            while search < end:
                next_tick = body.find("`", search, end)
                if next_tick < 0:
                    break
                next_end = next_tick
                while next_end < end and body[next_end] == "`":
                    next_end += 1
                if next_end - next_tick == run:
                    spans.append((index, next_end))
                    index = next_end
                    closed = True
                    break
                runs.append((next_end - next_tick, next_end))
                search = next_end
            if not closed and runs:
                # Python-Markdown's fallback: the first of the longest runs, if shorter than the opening one.
                longest = max(length for length, _end in runs)
                if longest < run:
                    close_end = next(stop for length, stop in runs if length == longest)
                    spans.append((index, close_end))
                    index, closed = close_end, True
            if not closed:
                index = run_end
            continue
        index += 1
    return spans


def _reference_inline_literal_spans(body: str, start: int, end: int) -> list[tuple[int, int]]:
    code = _reference_code_spans(body, start, end)
    spans = list(code)
    index = start
    while index < end:
        if body.startswith("<!--", index) and not note_citations._inside(index, code):
            close = note_citations._comment_close(body, index + 4, code)
            stop = end if close < 0 or close >= end else close + 3
            spans.append((index, stop))
            index = stop
            continue
        index += 1
    return spans


def _reference_find_citations(body: str) -> list[Citation]:
    with mock.patch.object(note_citations, "_inline_literal_spans", _reference_inline_literal_spans):
        literal = note_citations._code_and_comment_spans(body)
    found = []
    for match in re.finditer(r"\[@([^\]\[\n]*)\]", body):
        start = match.start()
        if any(begin <= start < stop for begin, stop in literal) or note_citations._escaped(body, start):
            continue
        line = body.count("\n", 0, start) + 1
        column = start - (body.rfind("\n", 0, start) + 1) + 1
        found.append(Citation(match.group(1).strip(), start, match.end(), line, column))
    return found


# Texts made of what the scans react to, so that every branch is taken often.
_pieces = st.sampled_from(["`", "``", "```", "\\", "\\`", "\\\\", "<!--", "<!-", "-->", "--", "<", "!", "\n",
                           "\n```\n", "\n~~~\n", "   ", "[@a]", "[@b c]", "[@", "]", "x", "word ", "\r\n", "é"])
_bodies = st.one_of(st.lists(_pieces, max_size=30).map("".join), st.text(max_size=60))


@settings(max_examples=3000, deadline=None)
@given(_bodies, st.data())
def test_code_and_comment_scans_equal_the_reference(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(body)))
    end = data.draw(st.integers(min_value=start, max_value=len(body)))
    assert note_citations._code_spans(body, start, end) == _reference_code_spans(body, start, end)
    assert note_citations._inline_literal_spans(body, start, end) == _reference_inline_literal_spans(body, start, end)


@settings(max_examples=3000, deadline=None)
@given(_bodies)
def test_found_citations_equal_the_reference(body: str) -> None:
    assert find_citations(body) == _reference_find_citations(body)
    assert find_citations(body) == _reference_find_citations(body)  # the remembered answer too


def test_a_caller_cannot_change_the_remembered_answer() -> None:
    body = "A claim [@one] and [@two]."
    first = find_citations(body)
    first.clear()
    assert [c.key for c in find_citations(body)] == ["one", "two"]


def _reference_link_citations(html: str, prepared: PreparedBody, note: Note) -> str:
    """The substitution as it was: one pattern per nonce."""
    numbers = source_numbers([source.id for source in note.sources])

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(prepared.citations):
            return ""
        key = prepared.citations[index].key
        number = numbers.get(key)
        if number is None:
            return html_escape(f"[@{key}]")
        return TEMPLATES.render("text/citation.html", id=cite_id(note, index + 1), href=f"#{source_id(note, key)}",
                                source=note.sources[number - 1], number=number)
    if not prepared.citations:
        return html
    return re.compile(f"\ue000{prepared.nonce}-([0-9]+)\ue001").sub(replace, html)


_SOURCES = (SourceRef("First", "P", id="one"), SourceRef("Second", "P", id="two"))
# HTML around placeholders: the real ones, forged ones (another nonce, a short or upper-case
# one, no digits), and stray private-use characters.
_html_pieces = st.sampled_from(["<p>", "</p>", "text ", "\ue000", "\ue001", "-", "0", "12", "abc", "\ue000-1\ue001",
                                "\ue0000123456789abcdef-0\ue001", "\ue0000123456789ABCDEF-0\ue001", "\ue000zz-0\ue001"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["[@one]", "[@two]", "[@nope]", "[@]", "text ", "`", "\n"]), max_size=8),
       st.lists(st.one_of(_html_pieces, st.integers(min_value=0, max_value=9)), max_size=20))
def test_citation_links_equal_the_one_pattern_per_nonce_substitution(body_parts: list[str],
                                                                     html_parts: list[object]) -> None:
    body = "".join(body_parts)
    prepared = prepare_body(body)
    note = Note(slug="n", path=Path("n.md"), target=Ref("doc", "c"), title="T", authors=(), date="2026",
                sources=_SOURCES, body=body)
    # Integers stand for the body's own placeholders (index 9 is past the last citation).
    html = "".join(f"\ue000{prepared.nonce}-{part}\ue001" if isinstance(part, int) else part for part in html_parts)
    assert link_citations(html, prepared, note, TEMPLATES) == _reference_link_citations(html, prepared, note)
    assert prepare_body(body) is prepared  # remembered, and frozen

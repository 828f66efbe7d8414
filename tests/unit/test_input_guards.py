"""Guards on input files, and the hints that explain a quote that "looks right" but is not found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotated_edition.diagnostics import Diagnostics
from annotated_edition.sources.input_guards import MAX_NOTE_BYTES, find_yaml_alias, reading_project
from annotated_edition.sources.quote_hints import describe_char, explain_quote_miss
from annotated_edition.sources.yaml_source import load_yaml_text, read_utf8

CLAUSE = "the DPRK commits to work toward complete denuclearization of the Korean Peninsula’s future."


@pytest.mark.parametrize(("quote", "fragments"), [
    ("work toward\u200b complete", ["U+200B ZERO WIDTH SPACE at character 12, after 'work toward'",
                                    "the quote matches: 'work toward complete'"]),
    ("work\u00a0toward", ["U+00A0 NO-BREAK SPACE", "the quote matches: 'work toward'"]),
    ("work\ttoward", ["U+0009 CHARACTER TABULATION"]),
    ("Peninsula's future", ["The clause text uses U+2019 RIGHT SINGLE QUOTATION MARK",
                            "the quote matches: 'Peninsula’s future'"]),
    ("work  toward", ["the quote matches: 'work toward'"]),
    ("denucle\u00adarization", ["U+00AD SOFT HYPHEN", "the quote matches: 'denuclearization'"]),
])
def test_a_near_miss_names_the_character_and_shows_the_words(quote: str, fragments: list[str]) -> None:
    hint = explain_quote_miss(quote, CLAUSE)
    for fragment in fragments:
        assert fragment in hint, hint


def test_a_quote_that_is_simply_wrong_gets_no_misleading_hint() -> None:
    assert explain_quote_miss("total disarmament", CLAUSE) == ""


def test_describe_char_names_controls_too() -> None:
    assert describe_char("\r") == "U+000D CARRIAGE RETURN"
    assert describe_char("\u202f") == "U+202F NARROW NO-BREAK SPACE"


def test_files_outside_the_project_are_refused_only_while_loading_it(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside.txt"
    project.mkdir()
    outside.write_text("secret", encoding="utf-8")
    link = project / "note.md"
    os.symlink(outside, link)
    diagnostics = Diagnostics()
    with reading_project(project):
        assert read_utf8(link, diagnostics) is None
    assert "is a symbolic link that points outside the project" in diagnostics.items[0].message
    assert read_utf8(link, Diagnostics()) == "secret"  # no project being loaded: no guard


def test_oversized_files_are_refused_before_being_read(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * (MAX_NOTE_BYTES + 1))
    diagnostics = Diagnostics()
    assert read_utf8(path, diagnostics, max_bytes=MAX_NOTE_BYTES) is None
    assert diagnostics.items[0].message == "file is too large: 256 KB, over the limit of 256 KB"
    path.write_bytes(b"x" * MAX_NOTE_BYTES)
    assert read_utf8(path, Diagnostics(), max_bytes=MAX_NOTE_BYTES) == "x" * MAX_NOTE_BYTES


def test_yaml_aliases_are_refused_where_they_stand() -> None:
    text = "a: &a [1, 2]\nb: plain * star\nc: *a\n"
    assert find_yaml_alias(text).anchor == "a"
    assert find_yaml_alias("title: 'a * b'\n") is None
    diagnostics = Diagnostics()
    assert load_yaml_text(text, Path("x.yml"), diagnostics, line_offset=1) is None
    assert (diagnostics.items[0].line, diagnostics.items[0].column) == (4, 4)


def test_utf16_and_control_characters_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes("title: x\n".encode("utf-16"))
    diagnostics = Diagnostics()
    assert read_utf8(path, diagnostics) is None
    assert "it looks like UTF-16" in diagnostics.items[0].message
    diagnostics = Diagnostics()
    assert load_yaml_text("a: 1\nb: 'x\x07'\n", Path("y.yml"), diagnostics) is None
    assert (diagnostics.items[0].line, diagnostics.items[0].message) == (
        2, "invalid YAML: character U+0007 is not allowed")

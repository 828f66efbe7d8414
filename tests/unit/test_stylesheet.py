"""The stylesheet's compaction: comments and layout whitespace go, nothing else changes.

The browser test tests/browser/test_stylesheet_rules.py holds the compacted edition stylesheet's
rules equal to the original's as Chromium parses them; these are the cases worth naming."""

from __future__ import annotations

from hypothesis import given, strategies as st

from annotated_edition.render.stylesheet import compact_css, join_stylesheet


def test_comments_and_layout_whitespace_go() -> None:
    css = "/* head */\n.a  >  .b ,\n.c {\n  color : red ;\n  margin: 0 0 1rem;\n}\n"
    assert compact_css(css) == ".a > .b , .c{color : red;margin: 0 0 1rem}\n"


def test_strings_are_kept_exactly() -> None:
    css = '.q::before { content: "a  ;  { b } /* not a comment */"; }\n.r { content: \'x , y\' }'
    assert compact_css(css) == '.q::before{content: "a  ;  { b } /* not a comment */"}.r{content: \'x , y\'}\n'


def test_a_comment_is_nothing_not_a_space() -> None:
    assert compact_css(".a/**/.b{}") == ".a.b{}\n"
    assert compact_css(".a /* x */ .b{}") == ".a .b{}\n"


def test_descendant_and_function_spaces_stay() -> None:
    css = "@media screen and (min-width: 76.25em) { .x .y { width: calc(100% - 2rem); } }"
    assert compact_css(css) == "@media screen and (min-width: 76.25em){.x .y{width: calc(100% - 2rem)}}\n"
    # The space after a comma inside var() is part of the fallback value (found by the browser test).
    assert compact_css("a { font: var(--f, sans-serif); }") == "a{font: var(--f, sans-serif)}\n"


def test_a_lone_quote_is_kept() -> None:
    assert "'" in compact_css(".a{} ' .b{}")


def test_parts_are_joined_in_order() -> None:
    assert join_stylesheet([".a { x: 1 }", "/* two */ .b { y: 2 }"]) == ".a{x: 1}.b{y: 2}\n"


_CSS_CHARS = st.sampled_from(list(" \n\t{};,:.#>+~()[]=\"'/*-_abcdxyz0123456789%@!"))


@given(st.lists(_CSS_CHARS, max_size=80).map("".join))
def test_compacting_twice_changes_nothing_more(css: str) -> None:
    once = compact_css(css)
    assert compact_css(once) == once


@given(st.lists(st.sampled_from(["a", "b", " ", "  ", "\n", "{", "}", ";", ","]), max_size=40).map("".join))
def test_only_whitespace_is_removed_outside_strings_and_comments(css: str) -> None:
    # With no strings or comments, the other characters are the same, in the same order, but
    # for a ";" just before a "}" (the last declaration of a block needs none).
    def significant(text: str) -> str:
        text = text.replace(" ", "").replace("\n", "")
        while ";}" in text:
            text = text.replace(";}", "}")
        return text
    assert significant(compact_css(css)) == significant(css)

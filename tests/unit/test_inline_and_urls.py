"""Marked-up text stays well nested and loses no character; links are relative and ID-based."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotated_edition.render.inline import Decoration, Insertion, render_inline
from annotated_edition.model import Ref
from annotated_edition.urls import Linker, relative_url


def _text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup.replace("<br>\n", "\n")))


def test_overlapping_ranges_nest_properly() -> None:
    out = render_inline("abcdef", [Decoration(0, 4, "<a>", "</a>"), Decoration(2, 6, "<b>", "</b>", 1)],
                        [Insertion(4, "<i></i>")])
    assert out == "<a>ab<b>cd</b></a><i></i><b>ef</b>"


@given(st.text(alphabet="ab <&\n", max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=4))
def test_rendering_never_changes_the_text(text: str, ranges: list[tuple[int, int]]) -> None:
    decorations = [Decoration(min(a, b), max(a, b), "<span>", "</span>", i) for i, (a, b) in enumerate(ranges)]
    out = render_inline(text, decorations)
    assert _text_of(out) == text
    assert out.count("<span>") == out.count("</span>")


@pytest.mark.parametrize(
    ("source", "ref", "fragment", "directory_urls", "expected"),
    [
        ("singapore-2018/point-3.md", Ref("panmunjom-2018", "article-3.4"), "", False, "../panmunjom-2018/article-3.4.html"),
        ("singapore-2018/index.md", Ref("singapore-2018", "point-3"), "", False, "point-3.html"),
        ("singapore-2018/point-3.md", Ref("singapore-2018"), "point-3", False, "index.html#point-3"),
        ("singapore-2018/point-3.md", Ref("panmunjom-2018"), "", True, "../../panmunjom-2018/"),
        ("index.md", Ref("singapore-2018", "point-3"), "", True, "singapore-2018/point-3/"),
    ],
)
def test_links_between_generated_pages(source: str, ref: Ref, fragment: str, directory_urls: bool, expected: str) -> None:
    assert Linker(source, directory_urls).to(ref, fragment) == expected


def test_same_page_fragment_links_stay_on_the_page() -> None:
    assert relative_url("a/b.md", "a/b.md", False, "x") == "#x"

"""A note's own links, shown away from its clause page, and the in-note links that lead nowhere."""

from __future__ import annotations

import pytest

from annotated_edition.notes.markdown import render_note_body
from annotated_edition.notes.links import point_fragments_to, rebase_relative_links, unresolved_fragments

BODY = "Text.[^1] See [below](#later) and [point 2](point-2.html#text).\n\n## Later\n\nMore.\n\n[^1]: A footnote.\n"


def test_in_note_links_resolve_inside_the_note() -> None:
    html = render_note_body(BODY, "note-a")
    assert 'id="note-a-later"' in html and 'href="#note-a-later"' in html
    assert unresolved_fragments(html) == []
    assert unresolved_fragments(render_note_body("[gone](#nowhere)", "note-a")) == ["#note-a-nowhere"]


def test_popover_fragments_point_to_the_clause_page() -> None:
    html = point_fragments_to(render_note_body(BODY, "note-a"), "point-3.html")
    assert 'href="point-3.html#note-a-later"' in html and 'href="point-3.html#note-a-fn:1"' in html
    assert 'href="point-2.html#text"' in html


@pytest.mark.parametrize(("source", "to_folder", "expected"), [
    ("point-2.html#text", "", "singapore-2018/point-2.html#text"),
    ("../panmunjom-2018/article-3.4.html", "", "panmunjom-2018/article-3.4.html"),
    ("point-2.html", "print", "../singapore-2018/point-2.html"),
    ("https://example.org/x", "", "https://example.org/x"),
    ("mailto:a@example.org", "", "mailto:a@example.org"),
    ("#note-a-fn:1", "", "#note-a-fn:1"),
])
def test_relative_links_are_rebased_for_another_page(source: str, to_folder: str, expected: str) -> None:
    assert rebase_relative_links(f'<a href="{source}">x</a>', "singapore-2018", to_folder) == f'<a href="{expected}">x</a>'

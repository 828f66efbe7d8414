"""The note sanitizer: what commentary needs survives; everything else is removed and reported."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from bs4 import BeautifulSoup

from annotated_edition.notes.markdown import render_note_body, render_note_body_checked
from annotated_edition.notes.sanitize import safe_href, sanitize_html

NOTE = """A paragraph with *emphasis*, **strong words**, `code`, and a [link](https://example.org/a "Title").
A footnote follows.[^1] Mail [the editors](mailto:editors@example.org); see [point 2](#text).

- a list item
- another, with a [relative link](../panmunjom-2018/article-3.4.html)

1. first
2. second

> A quotation from the statement.

| Clause | Says |
|:-------|-----:|
| 3      | work toward |

```python
print("<b>not markup</b>")
```

Term
:   Its definition.

# A heading inside the note

<abbr title="Democratic People's Republic of Korea">DPRK</abbr> and <q>quoted words</q>, H<sub>2</sub>O, x<sup>2</sup>.

[^1]: The footnote's text.
"""


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_everything_a_note_needs_survives_and_nothing_is_reported() -> None:
    rendered = render_note_body_checked(NOTE, "note-demo")
    assert rendered.removed == ()
    soup = _soup(rendered.html)
    assert soup.em.get_text() == "emphasis" and soup.strong.get_text() == "strong words"
    assert soup.find("a", href="https://example.org/a")["title"] == "Title"
    assert soup.find("a", href="mailto:editors@example.org") is not None
    assert soup.find("a", href="../panmunjom-2018/article-3.4.html") is not None
    assert [li.get_text(strip=True) for li in soup.select("ol > li")][:2] == ["first", "second"]
    assert soup.blockquote.get_text(strip=True) == "A quotation from the statement."
    assert [th.get("align") for th in soup.select("th")] == ["left", "right"]
    assert soup.select_one("pre code.language-python").get_text() == 'print("<b>not markup</b>")\n'
    assert soup.dl.dt.get_text() == "Term" and soup.h4.get_text() == "A heading inside the note"
    assert soup.abbr["title"] == "Democratic People's Republic of Korea" and soup.q.get_text() == "quoted words"
    assert soup.sub.get_text() == "2"
    reference = soup.select_one("sup a.footnote-ref")
    footnote = soup.find(id=reference["href"][1:])
    assert reference["href"].startswith("#note-demo-") and footnote.get_text(strip=True).startswith("The footnote's text.")
    assert soup.select_one("a.footnote-backref")["href"] == "#" + reference.parent["id"]
    assert soup.find("a", href="#note-demo-text") is not None  # in-note fragments are scoped


@pytest.mark.parametrize(("html", "reported"), [
    ("<script>alert(1)</script>", "element and its content <script>"),
    ("<style>p{color:red}</style>", "element and its content <style>"),
    ("<iframe src='https://example.org'></iframe>", "element and its content <iframe"),
    ("<form action='x'><input name=q></form>", "element <form action='x'>"),
    ("<svg><circle r=1 /></svg>", "element and its content <svg>"),
    ("<math><mi>x</mi></math>", "element and its content <math>"),
    ("<img src='https://example.org/x.png' alt='x'>", "element <img"),
    ("<p onclick='x()'>t</p>", "attribute onclick='x()' on <p>"),
    ("<a href='javascript:x()'>t</a>", "attribute href='javascript:x()' on <a>"),
    ("<a href='data:text/html,x'>t</a>", "attribute href='data:text/html,x' on <a>"),
    ("<a href='//elsewhere.example/x'>t</a>", "attribute href='//elsewhere.example/x' on <a>"),
    ("<span style='position:fixed'>t</span>", "attribute style='position:fixed' on <span>"),
    ("<span class='md-header footnote'>t</span>", "class 'md-header' on <span>"),
    ("<span id='point-3'>t</span>", "attribute id='point-3' on <span>"),
    ("<h2>t</h2>", "element <h2>"),
])
def test_each_unsafe_thing_is_removed_and_named(html: str, reported: str) -> None:
    result = sanitize_html(f"<p>before</p>{html}<p>after</p>", id_prefix="note-demo-")
    assert any(reported in str(removal) for removal in result.removed), result.removed
    text = _soup(result.html).get_text()
    assert "before" in text and "after" in text


def test_text_of_a_removed_element_is_kept_and_script_text_is_not() -> None:
    result = sanitize_html("<p><x-widget>kept words</x-widget><script>dropped()</script></p>")
    assert "kept words" in result.html and "dropped" not in result.html


def test_a_clean_note_is_not_reported_and_render_note_body_is_the_sanitized_html() -> None:
    assert render_note_body("Plain *text*.", "note-a") == "<p>Plain <em>text</em>.</p>"
    assert render_note_body("x <script>y()</script>", "note-a") == render_note_body_checked(
        "x <script>y()</script>", "note-a").html
    assert "<script" not in render_note_body("x <script>y()</script>", "note-a")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
    ("http://example.org", "http://example.org"),
    ("  https://example.org/  ", "https://example.org/"),
    ("javascript:alert(1)", None), ("JAVASCRIPT:alert(1)", None), ("data:text/html,x", None),
    ("//example.org", None), ("mailto:a@example.org", None), ("https://", None), ("", None),
    ("vbscript:x", None), ("https://[::1", None),
])
def test_front_matter_urls_become_links_only_for_the_web(url: str, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_removals_are_found_by_line_in_the_note(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from annotated_edition.model import Author, Edition, Note, Ref, SourceRef
    from annotated_edition.links import LinkGraph
    from annotated_edition.render.note_warnings import sanitizer_warnings
    from annotated_edition.render.context import RenderContext

    body = "Fine first line.\n\nSecond <img src=x onerror=y()> here.\n\n<script>z()</script>\n"
    note = Note(slug="bad", path=tmp_path / "bad.md", target=Ref("d", "c"), title="T", authors=(Author("A"),),
                date="2026", sources=(SourceRef("S", "P"),), body=body, body_line=12)
    context = RenderContext(Edition({}, [note], [], "d"), LinkGraph([]))
    warnings = sanitizer_warnings(context)
    lines = sorted((w.line, w.message.split(": ", 1)[1]) for w in warnings.items)
    assert [line for line, _ in lines] == [14, 16]
    assert all(w.severity == "warning" and w.path.name == "bad.md" for w in warnings.items)


_PIECES = ['<p>', '</p>', 'text ', '<a href="https://example.org/">', '<a href="#x">', '</a>',
           '<a href="https://example.org/" rel="noopener noreferrer">', '<a href="x" rel="nofollow">',
           ' rel="noopener noreferrer"', '<span rel="noopener noreferrer">', '</span>', '<em>', '</em>',
           '<img src="https://example.org/a.png" onerror="x()">', '<script>x()</script>', '&#160;', '&nbsp;',
           '<code>&lt;a rel="noopener noreferrer"&gt;</code>', '<b style="color: red">', '</b>', '<!-- c -->',
           '<a class="footnote-backref" href="#fnref:1" title="Jump back">&#8617;</a>', '&#8617;', '&amp;', '&',
           '&lt;b&gt;', '<b>', '<']


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_the_shortcut_for_added_rel_reports_what_the_full_comparison_reports(pieces: list[str]) -> None:
    """A note whose cleaning only added ``rel`` to links skips the second cleaning; the removals
    reported are those found with every shortcut off."""
    import annotated_edition.notes.sanitize as sanitize
    html = "".join(pieces)
    found = sanitize_html(html, "note-a-")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sanitize, "_only_rel_added", lambda clean, html: False)
        patch.setattr(sanitize, "_nothing_removed", lambda html, id_prefix: False)
        assert sanitize_html(html, "note-a-") == found

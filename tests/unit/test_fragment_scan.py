"""The parser-free reading of a note's links and ids (notes/fragment_scan.py) equals the link
checker's parser (html_links.check_page_html) on any HTML it answers for, and answers for the
HTML the sanitizer writes."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotated_edition.html_links import check_page_html
from annotated_edition.notes.fragment_scan import fragment_links_and_ids
from annotated_edition.notes.links import unresolved_fragments
from annotated_edition.notes.markdown import render_note_body


def _parser_answer(html: str) -> tuple[list[str], set[str]]:
    page = check_page_html(html)
    return [reference.value for reference in page.references if reference.kind == "link"], page.ids


PIECES = [
    '<p>', '</p>', 'text &amp; more ', '&lt;not a tag&gt;', ' a > b ',
    '<a href="#x">', '<a href="#y" class="footnote-ref">', '<a href="#x&amp;y">', '<a href=#bare>', '</a>',
    '<a name="x">', '<a class="md-content__button" href="#edit">', '<a href="other.html#x">', '<a href="#">',
    '<A HREF="#Upper">', '<a href="#x" href="#second">', '<area href="#z">', '<area href="#z"/>',
    '<sup id="x">', '<li id="y">', '<div id="x&#46;y">', '<span ID="z">', '<h2 id="">', '<br>', '<br/>',
    '<img src="a.png" alt="x">', '<details open>', '</details>', '<input disabled>',
    # markup the scan hands to the parser
    '<!-- a comment -->', "<a href='#single'>", '<a\thref="#tab">', '<script>var a = "<a href=#s>";</script>',
    '<style>p{}</style>', '< 3', '</ a>', '<a href="#self"/>', '<x:y id="ns">', '<p title="a<b">',
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
@example(['<a href="#x">', '<a href="#y">', '</a>', '</a>'])
@example(['<a href="#x">', 'unclosed'])
@example(['<a href="#x">', '<a name="n">', '</a>', '</a>', '<sup id="x">'])
def test_the_scan_reads_what_the_parser_reads(pieces: list[str]) -> None:
    html = "".join(pieces)
    scanned = fragment_links_and_ids(html)
    if scanned is not None:
        assert scanned == _parser_answer(html)


def test_the_sanitizers_html_is_read_without_the_parser() -> None:
    body = ("A claim[^1] and a [link](#gone), an [outside link](https://example.org/?a=1&b=2) and "
            "*emphasis*.\n\n## A heading\n\n- a list with `<code>`\n\n[^1]: A footnote.\n")
    html = render_note_body(body, "note-a")
    assert fragment_links_and_ids(html) is not None
    assert fragment_links_and_ids(html) == _parser_answer(html)
    assert unresolved_fragments(html) == ["#note-a-gone"]


def test_markup_the_scan_does_not_read_goes_to_the_parser() -> None:
    for html in ('<!-- <a href="#hidden"> --><a href="#shown"></a>', "<a href='#single'></a>",
                 '<a href="#x"><a href="#y"></a></a>', '<a href="#open">'):
        assert fragment_links_and_ids(html) is None, html
    assert unresolved_fragments('<!-- <a href="#hidden"> --><a href="#shown"></a>') == ["#shown"]

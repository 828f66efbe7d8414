"""The raw HTML blocks the adapter stores for Python-Markdown (render/raw_html_blocks.py,
adapter/raw_html_stash.py) change nothing: a page converts to the same HTML, the same table of
contents and the same anchors as MkDocs would find, whatever the page holds. Pages are made
from pieces that are taken (well-formed blocks) and pieces that must stop the search (comments,
``markdown`` attributes, unbalanced tags, scripts, bare ampersands…), in any order."""

from __future__ import annotations

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _RawHTMLPreprocessor

from annotated_edition.adapter.raw_html_stash import RawHtmlStash
from annotated_edition.render.raw_html_blocks import find_raw_blocks

# The real site's extensions (mkdocs.yml), and the fewest a site can have with the plugin
# (it adds attr_list and toc): raw HTML then goes through Python-Markdown's own block extractor.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "footnotes", "tables", "toc", "pymdownx.superfences"]
FEWEST = ["attr_list", "toc"]
CONFIGS = {"toc": {"permalink": True}}


def _convert(text: str, stash: RawHtmlStash | None,
             extensions: list[str] = EXTENSIONS) -> tuple[str, list[dict[str, object]], set[str]]:
    """Convert as MkDocs does (its raw-HTML id collector included), with or without the stash."""
    md = markdown.Markdown(extensions=extensions + ([stash] if stash else []), extension_configs=CONFIGS)
    collector = _RawHTMLPreprocessor()
    md.preprocessors.register(collector, "mkdocs_raw_html", 21)
    if stash is not None:
        stash.arm(text)
    html = md.convert(text)
    ids = collector.present_anchor_ids | (stash.disarm() if stash is not None else set())
    return html, md.toc_tokens, ids  # type: ignore[attr-defined]


def _assert_same(text: str) -> RawHtmlStash:
    stash = RawHtmlStash()
    assert _convert(text, stash) == _convert(text, None)
    assert _convert(text, RawHtmlStash(), FEWEST) == _convert(text, None, FEWEST)
    return stash


TAKEN = [
    '<div class="a" id="x1">\n<p>One <em>two</em> &amp; three&nbsp;&#46;&#x27;</p>\n</div>',
    '<article class="ae-note" data-note="n">\n<p>Text<br>more<br/>end</p>\n<hr>\n<ul>\n<li id="li&amp;1">a</li>\n</ul>\n</article>',
    '<nav aria-label="Where"><ol><li><a href="a.html" name="top">A</a></li></ol></nav>',
    '<p class="ae-empty">No cross-references yet.</p>',
    '<details open><summary>BibTeX</summary>\n<pre><code id="b">@misc{x,\n  title = {{A}},\n}</code></pre>\n</details>',
    '<div data-x=bare ID="upper">\n<img src="a.png" alt="a > b">\n</div>',
    '<blockquote id="text">\n<p data-at="0">Quote <mark class="ae-phrase">phrase</mark></p>\n</blockquote>',
    '<table>\n<tr><td>1</td></tr>\n</table>',
    '<div>\n<p>opened</p>\n\n<p>a blank line inside</p>\n</div>',
    '<pre>\nline\n\n\tafter a blank line and a tab\n</pre>',
]
STOPS = [
    '<!-- a comment -->',
    '<div markdown="1">\n*emphasis* here\n</div>',
    '<div>\n<p>unclosed\n</div>',
    '<div>AT&T and &nbsp without a semicolon</div>',
    "<div class='single'>quoted</div>",
    '<div\n  class="spanning">lines</div>',
    '<div>closed</div> and text after it',
    '<script>if (a < b) { document.write("<div>") }</script>',
    '<span>inline first</span>',
    '<hr>',
    '```html\n<div>fenced</div>\n```',
    '    <div>indented code</div>',
    '<div>a</span></div>',
    '<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>',
    'A paragraph with <b>inline</b> HTML',
]
MARKDOWN = [
    "# Title — a heading",
    "## Commentary (2)",
    "### A note { #note-a }",
    "Plain paragraph text with *emphasis* and a [link](other.md).",
    "- a list\n- of items",
    "Text[^1]\n\n[^1]: A footnote.",
    "!!! note\n    An admonition.",
    "| a | b |\n|---|---|\n| 1 | 2 |",
]


def test_a_page_of_well_formed_blocks_is_stored_whole() -> None:
    page = "# Title\n\n" + "\n\n".join(TAKEN) + "\n\n## End\n"
    stash = _assert_same(page)
    assert stash.stored_blocks == len(TAKEN)


def test_ids_are_those_mkdocs_collects() -> None:
    page = "\n\n".join(TAKEN) + "\n"
    lines = (page + "\n\n").split("\n")
    found = set().union(*(block.ids for block in find_raw_blocks(lines, markdown.Markdown().is_block_level)))
    assert found == {"x1", "li&1", "top", "b", "upper", "text"}


def test_the_search_stops_at_what_it_does_not_understand() -> None:
    is_block_level = markdown.Markdown().is_block_level
    for stop in STOPS:
        page = TAKEN[0] + "\n\n" + stop + "\n\n" + TAKEN[1] + "\n\n"
        _assert_same(page)
        assert len(find_raw_blocks(page.split("\n"), is_block_level)) == 1, stop


def test_a_block_without_blank_lines_around_it_is_left_to_python_markdown() -> None:
    assert _assert_same(TAKEN[0] + "\nText on the next line\n").stored_blocks == 0
    assert _assert_same("# Heading\n" + TAKEN[0] + "\n\nText\n").stored_blocks == 0
    assert _assert_same(TAKEN[0]).stored_blocks == 1, "the end of the page counts as a blank line"


def test_the_stash_acts_only_on_the_conversion_of_the_page_it_was_armed_with() -> None:
    stash = RawHtmlStash()
    md = markdown.Markdown(extensions=EXTENSIONS + [stash], extension_configs=CONFIGS)
    page = TAKEN[0] + "\r\n\r\n\tText\n  \n" + TAKEN[2] + "\n"
    md.convert(page)
    assert stash.stored_blocks == 0, "not armed"
    stash.arm(page)
    md.convert(page)
    md.convert(page)
    assert stash.stored_blocks == 2, "armed for one conversion only, whitespace as Python-Markdown normalizes it"
    stash.arm(page)
    md.convert("Another plugin's text\n\n" + TAKEN[0] + "\n")
    assert stash.stored_blocks == 2 and stash.disarm() == set(), "another text is left alone"


_PIECES = st.sampled_from(TAKEN + STOPS + MARKDOWN)
_SEPARATORS = st.sampled_from(["\n\n", "\n", "\n\n\n", "\n  \n", "\r\n\r\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, _SEPARATORS), max_size=8), st.booleans())
@example([(TAKEN[0], "\n\n"), (STOPS[3], "\n\n"), (TAKEN[1], "\n\n")], True)
@example([(MARKDOWN[0], "\n"), (TAKEN[2], "\n\n"), (TAKEN[3], "\n")], False)
def test_any_page_converts_as_without_the_stash(pieces: list[tuple[str, str]], trailing_newline: bool) -> None:
    page = "".join(piece + separator for piece, separator in pieces)
    _assert_same(page if trailing_newline else page.rstrip("\n"))

"""Trying only the block processors and inline patterns whose trigger is in a note, and the
table of contents only where there is a heading (notes/markdown_triggers.py), gives exactly the
HTML that trying everything gives: on generated Markdown that mixes every construct the notes
may use with text that lacks their triggers, and on every note of the edition."""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotated_edition.notes.markdown_triggers import MarkdownTriggers
from annotated_edition.notes.markdown import NOTE_EXTENSION_CONFIGS, NOTE_EXTENSIONS, ScopeToNote, NoteConverter

ROOT = Path(__file__).resolve().parents[2]


def _unfiltered(body: str, anchor: str = "n") -> str:
    """A converter of its own, every inline pattern tried on every text (as before the filter)."""
    md = markdown.Markdown(extensions=list(NOTE_EXTENSIONS), extension_configs=NOTE_EXTENSION_CONFIGS,
                           output_format="html")
    scope = ScopeToNote(md, anchor)
    md.treeprocessors.register(scope, "scope_to_note", 1)
    return md.convert(body)


_FILTERED = NoteConverter()


def _filtered(body: str, anchor: str = "n") -> str:
    return _FILTERED.convert(body, anchor, {})


_PIECES = [
    "plain words", " ", "\n", "\n\n", "*em*", "**strong**", "***both***", "_under_", "__double__", "a_b_c",
    "2 * 3", "`code`", "``a ` b``", "\\*", "\\`", "\\\\", "[link](https://example.org \"t\")", "[ref][r]",
    "[r]", "[r][]", "![img](a.png)", "![r]", "<https://example.org>", "<someone@example.org>",
    "<span class=\"x\">in</span>", "<!-- note -->", "&amp;", "&copy;", "&#169;", "&", "<", ">", "!", "[", "]",
    "(", ")", "^", "[^1]", "[^x]", "  \n", "\t\n", "text\t", "- item\n", "1. first\n", "# Heading\n",
    "Setext\n---\n", "| a | b |\n|:--|--:|\n| *1* | `2` |\n", "```\ncode *not em* <b>\n```\n",
    "    indented <x> & *y*\n", "[r]: https://example.org/r\n", "[^1]: a footnote with *em*\n",
    "Term\n:   Definition with `code`\n", "> quoted [link](#here)\n", "* * *\n", "[TOC]\n",
    "[edition link](edition:doc/clause)", "~~~\nfence\n~~~\n", "\u00e9\u4e2d", "\x02", "\x03",
    "\tcode after a tab\n", "- item\n\n\tindented by a tab\n", "- item\n\n    continued\n", "1) not sane\n",
    "2. second\n", "+ plus\n", "Term\n: short definition\n", "___\n", "- - -\n", "Title\n===\n", "#NoSpace\n",
    "### Three ###\n", "a | b\n", "|x|\n|-|\n|y|\n", ">no space\n", "  > indented quote\n",
    "[id]: <https://example.org> 'title'\n", "[z]:\n  https://example.org/z\n", "[z]", "[^n]:\n    indented footnote\n", "    ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
@example(["text\t", "\n", "next line"])
@example(["`code`", "\n\n", "plain words"])
def test_filtered_conversion_is_the_unfiltered_one(pieces: list[str]) -> None:
    body = "".join(pieces)
    assert _filtered(body) == _unfiltered(body)


def test_a_pattern_or_processor_is_tried_only_where_its_trigger_is() -> None:
    triggers = _FILTERED.triggers
    plain = [type(p).__name__ for p in triggers.inline_patterns_for("no special characters here")]
    assert plain == ["SubstituteTagInlineProcessor"]  # the line break: always tried
    everything = triggers.inline_patterns_for("` \\ [^ ![ < & * _")
    assert len(everything) == len(_FILTERED.md.inlinePatterns)
    assert [type(p).__name__ for p in triggers.inline_patterns_for("a [link](x)")] == [
        "ReferenceInlineProcessor", "LinkInlineProcessor", "ShortReferenceInlineProcessor",
        "SubstituteTagInlineProcessor"]
    blocks = [type(p).__name__ for p in triggers.block_processors_for("plain words")]
    assert blocks == ["EmptyBlockProcessor", "SaneOListProcessor", "ParagraphProcessor"]
    assert "TableProcessor" in [type(p).__name__ for p in triggers.block_processors_for("a | b")]
    assert "CodeBlockProcessor" in [type(p).__name__ for p in triggers.block_processors_for("\tx")]


def test_the_filter_knows_every_pattern_the_notes_use() -> None:
    """Else a Markdown upgrade (a renamed class) would silently turn the filter off for it:
    still correct, but slower; this test says which one to look at again."""
    triggers = NoteConverter().triggers  # a converter of its own: the filter is made with it
    assert triggers.inline_active
    assert triggers.always_tried() == [
        "markdown.blockprocessors.EmptyBlockProcessor", "markdown.extensions.sane_lists.SaneOListProcessor",
        "markdown.blockprocessors.ParagraphProcessor", "markdown.inlinepatterns.SubstituteTagInlineProcessor"]


def test_a_processor_it_does_not_know_is_left_alone() -> None:
    md = markdown.Markdown()
    md.treeprocessors["inline"].inlinePatterns = list(md.inlinePatterns)  # not the registry any more
    triggers = MarkdownTriggers(md)
    assert not triggers.inline_active
    triggers.narrow_to("plain")
    assert len(md.treeprocessors["inline"].inlinePatterns) == len(md.inlinePatterns)


def test_the_table_of_contents_still_gives_headings_their_ids() -> None:
    html = _filtered("Intro.\n\n## What it means\n\nSee [below](#what-it-means).", "note-x")
    assert 'id="note-x-what-it-means"' in html and 'href="#note-x-what-it-means"' in html
    assert _filtered("[TOC]\n\n# A\n", "n") == _unfiltered("[TOC]\n\n# A\n", "n")


def test_every_note_of_the_edition_converts_as_before() -> None:
    notes = sorted((ROOT / "docs" / "commentary").rglob("*.md"))
    assert len(notes) > 30
    for path in notes:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        assert _filtered(body, path.stem) == _unfiltered(body, path.stem), path

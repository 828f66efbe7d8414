"""The text a reader sees on a document page, as a W3C ``TextQuoteSelector`` is matched against.

A document page shows each clause's text (or our summary) in a block of its own. The page's
text, for anchoring, is those blocks' text in page order, each with its whitespace collapsed to
single spaces, joined by one space. Labels, permalinks, note markers (which hold no text) and
popovers are not part of it.

The exports compute it from the model (:func:`document_text`): a block holds nothing but its
clause's text or summary, split into paragraphs at blank lines and HTML-escaped, so once
whitespace is collapsed the two are the same string, and reading it back from 200 rendered
pages (a sixth of the plugin's time on a large edition) would only say so again. The reader of
rendered pages (:func:`extract_rendered_text`) stays as the test that holds them equal.

Anchoring libraries (``@apache-annotator/dom``, Hypothesis) match a selector against the DOM's
text nodes as they are, where a line break of the HTML source is a "\n", not a space. So the
selector is found and made unique in the collapsed text, then its three parts are copied from
the clause's raw text, whitespace as the page has it: "June 12, 2018\nSentosa Island", not
"June 12, 2018 Sentosa Island". Both readings then find it once. From the model, the raw text
is the clause's paragraphs as the page's Markdown source holds them (line endings made "\n", as
Python-Markdown makes them), one line break between two paragraphs; a build test holds it equal
to the rendered pages' text nodes. A text with a tab has no raw text from the model (Markdown
expands a tab to the next column of its source line, which only the page knows): its selectors
keep collapsed whitespace, which every reading that collapses whitespace still finds once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..model import Document
from ..render.pages import paragraph_spans

__all__ = ["RenderedText", "document_text", "extract_rendered_text", "normalize", "find_all", "quote_selector",
           "raw_slice"]

_TEXT_CLASSES = {"ae-clause__text", "ae-clause__summary"}


def normalize(text: str) -> str:
    return " ".join(text.split())


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``haystack``, overlapping ones included."""
    positions: list[int] = []
    position = haystack.find(needle)
    while needle and position != -1:
        positions.append(position)
        position = haystack.find(needle, position + 1)
    return positions


@dataclass
class RenderedText:
    text: str = ""
    clauses: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Each clause's range in ``text``."""
    raw: dict[str, str] = field(default_factory=dict)
    """Each clause's text as the page's text nodes hold it (whitespace not collapsed)."""


def _raw_positions(raw: str) -> list[int]:
    """For each character of ``normalize(raw)``, and one past its end, the matching index in
    ``raw``; a collapsed space maps to the start of the whitespace run it stands for."""
    positions: list[int] = []
    index = 0
    length = len(raw)
    while index < length and raw[index].isspace():
        index += 1
    while index < length:
        if raw[index].isspace():
            run = index
            while index < length and raw[index].isspace():
                index += 1
            positions.append(run)
            if index == length:
                return positions  # the last entry, one past the end: where trailing whitespace begins
        else:
            positions.append(index)
            index += 1
    positions.append(index)
    return positions


def raw_slice(raw: str, low: int, high: int) -> str:
    """The part of ``raw`` that collapses to ``normalize(raw)[low:high]``."""
    positions = _raw_positions(raw)
    return raw[positions[low]:positions[high]]


class _ClauseTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.clause: str | None = None
        self.depth = 0          # open <div>s inside the text block being read; 0 = not reading
        self.buffer: list[str] = []
        self.blocks: list[tuple[str, str]] = []   # (clause, raw text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if tag == "section" and "ae-clause" in classes and attributes.get("data-clause"):
            self.clause = attributes["data-clause"]
        if tag != "div":
            return
        if self.depth:
            self.depth += 1
        elif self.clause and classes & _TEXT_CLASSES:
            self.depth = 1
            self.buffer = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.depth:
            self.depth -= 1
            if not self.depth and self.clause:
                self.blocks.append((self.clause, "".join(self.buffer)))
                self.clause = None

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.buffer.append(data)


def _joined(blocks: Iterable[tuple[str, str | None, str]]) -> RenderedText:
    """Blocks (clause ID, raw text or None, normalized text) in page order, as one anchoring text."""
    rendered = RenderedText()
    parts: list[str] = []
    position = 0
    for clause, raw, text in blocks:
        if parts:
            position += 1
        rendered.clauses[clause] = (position, position + len(text))
        if raw is not None:
            rendered.raw[clause] = raw
        parts.append(text)
        position += len(text)
    rendered.text = " ".join(parts)
    return rendered


def _page_raw(text: str) -> str | None:
    """A clause's text as its page's text nodes hold it (see the module's docstring)."""
    if "\t" in text:
        return None
    return "\n".join(text[start:end].replace("\r\n", "\n").replace("\r", "\n")
                     for start, end in paragraph_spans(text))


def document_text(document: Document) -> RenderedText:
    """The anchoring text of a document's page, from the model: each clause's text (or summary)
    in the page's order, whitespace collapsed, and its raw text."""
    return _joined((clause.id, _page_raw(clause.display_text), normalize(clause.display_text))
                   for clause in document.clauses)


def extract_rendered_text(html: str) -> RenderedText:
    """The anchoring text of a rendered document page (its content, or the whole page)."""
    parser = _ClauseTextParser()
    parser.feed(html)
    parser.close()
    return _joined((clause, raw, normalize(raw)) for clause, raw in parser.blocks)


def quote_selector(rendered: RenderedText, clause_id: str, clause_text: str, quote: str,
                   span_start: int, context: int = 32) -> dict[str, str]:
    """A TextQuoteSelector for the occurrence of ``quote`` at ``span_start`` in a clause.

    The prefix and suffix are taken from the clause's own text where they suffice, and grow
    until the whole selector matches exactly once in the page's text. When they stay inside the
    clause, all three parts are then copied from its raw text (see the module's docstring).
    """
    if clause_id not in rendered.clauses:
        raise ValueError(f"clause '{clause_id}' is not on the rendered page")
    begin, end = rendered.clauses[clause_id]
    exact = normalize(quote)
    # The note's occurrence is the k-th in the clause; whitespace collapsing keeps that order.
    nth = sum(1 for p in find_all(clause_text, quote) if p < span_start)
    occurrences = find_all(rendered.text[begin:end], exact)
    if nth >= len(occurrences):
        raise ValueError(f"quote {quote!r} is not in the rendered text of clause '{clause_id}'")
    start = begin + occurrences[nth]
    stop = start + len(exact)
    text = rendered.text
    width = context
    while True:
        within_clause = width <= max(start - begin, end - stop)
        low = max(begin, start - width) if within_clause else max(0, start - width)
        high = min(end, stop + width) if within_clause else min(len(text), stop + width)
        prefix, suffix = text[low:start], text[stop:high]
        if len(find_all(text, prefix + exact + suffix)) == 1 or (low == 0 and high == len(text)):
            raw = rendered.raw.get(clause_id)
            if raw is not None and begin <= low and high <= end:
                # raw_slice three times over, the positions computed once.
                positions = _raw_positions(raw)
                prefix = raw[positions[low - begin]:positions[start - begin]]
                exact = raw[positions[start - begin]:positions[stop - begin]]
                suffix = raw[positions[stop - begin]:positions[high - begin]]
            return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
        width += 16

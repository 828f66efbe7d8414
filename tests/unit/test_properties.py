"""Property-based tests (hypothesis) of the anchoring engine, the clause renderer and the sanitizer.

For any text and any clause map, anchoring either covers the text exactly (every character in
one clause, in order, nothing but whitespace between or around them) or fails with a reason that
names a clause of the map. Rendering a clause with any set of marked ranges and then reading the
text back out of the HTML gives the clause's text, character for character.
"""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from annotated_edition.sources.anchoring import AnchorProblem, ClauseSpec, anchor_clauses, find_quote
from annotated_edition.render.inline import Decoration, Insertion
from annotated_edition.render.pages import render_clause_text
from annotated_edition.notes.sanitize import sanitize_html

# Words from a small vocabulary, so that random clause openings collide as in real treaties
# ("The United States and the DPRK commit..." opens three clauses of the statement).
_WORDS = st.sampled_from(["the", "DPRK", "United", "States", "commit", "to", "peace", "Korean", "—", "’s",
                          "<b>", "&amp;", "\"q\"", "é", "1.", "POW/MIA", "U.S.\u00a0DPRK", "Peninsula."])
_SPACES = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "  "])


@st.composite
def _texts(draw) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=60))
    pieces = [words[0]]
    for word in words[1:]:
        pieces += [draw(_SPACES), word]
    return draw(st.sampled_from(["", " ", "\n"])) + "".join(pieces) + draw(st.sampled_from(["", "\n", " \n\n"]))


@st.composite
def _text_and_segmented_map(draw) -> tuple[str, list[ClauseSpec]]:
    """A text cut at word boundaries into clauses, each anchored by some of its opening words
    (and sometimes by its closing words too)."""
    text = draw(_texts())
    starts = [i for i in range(len(text)) if not text[i].isspace() and (i == 0 or text[i - 1].isspace())]
    cuts = sorted(set(draw(st.lists(st.sampled_from(starts), max_size=8)) + [starts[0]]))
    specs = []
    for index, start in enumerate(cuts):
        end = cuts[index + 1] if index + 1 < len(cuts) else len(text)
        segment = text[start:end].rstrip()
        opening = segment[: draw(st.integers(min_value=1, max_value=len(segment)))]
        closing = ""
        if draw(st.booleans()):
            closing = segment[len(segment) - draw(st.integers(min_value=1, max_value=len(segment))):]
        specs.append(ClauseSpec(f"c{index}", opening, closing))
    return text, specs


def _assert_exact_cover(text: str, specs: list[ClauseSpec], spans) -> None:  # type: ignore[no-untyped-def]
    assert [span.id for span in spans] == [spec.id for spec in specs]
    position = 0
    for spec, span in zip(specs, spans):
        assert position <= span.start < span.end <= len(text)
        assert text[position:span.start].strip() == "", "text between clauses must be whitespace"
        clause = text[span.start:span.end]
        # Trailing spaces typed into 'starts' belong to the gap, not to the clause.
        assert clause.startswith(spec.starts.rstrip())
        if spec.ends:
            assert clause.endswith(spec.ends)
        assert clause == clause.strip() or clause.endswith(spec.ends), "a clause ends on its last word"
        position = span.end
    assert text[position:].strip() == "", "text after the last clause must be whitespace"


@settings(max_examples=300, deadline=None)
@given(_text_and_segmented_map())
def test_anchoring_covers_the_text_exactly_or_names_the_clause_to_blame(case) -> None:  # type: ignore[no-untyped-def]
    text, specs = case
    result = anchor_clauses(text, specs)
    if isinstance(result, AnchorProblem):
        assert result.clause in {spec.id for spec in specs}
        assert result.message
    else:
        _assert_exact_cover(text, specs, result)


@settings(max_examples=300, deadline=None)
@given(_texts(), st.lists(st.tuples(st.text(min_size=0, max_size=12), st.text(max_size=6)), max_size=6))
def test_anchoring_random_maps_never_crashes_and_never_lies(text: str, raw) -> None:  # type: ignore[no-untyped-def]
    specs = [ClauseSpec(f"c{i}", starts, ends) for i, (starts, ends) in enumerate(raw)]
    result = anchor_clauses(text, specs)
    if isinstance(result, AnchorProblem):
        assert result.message
        assert result.clause in {spec.id for spec in specs} | {""}
    else:
        _assert_exact_cover(text, specs, result)


@settings(max_examples=300, deadline=None)
@given(_text_and_segmented_map())
def test_unique_openings_recover_the_segmentation(case) -> None:  # type: ignore[no-untyped-def]
    """When every clause's opening words occur once in the text, anchoring finds exactly the
    clauses the map was cut from."""
    text, specs = case
    assume(all(text.count(spec.starts) == 1 for spec in specs))
    specs = [ClauseSpec(spec.id, spec.starts) for spec in specs]
    spans = anchor_clauses(text, specs)
    assert not isinstance(spans, AnchorProblem), spans
    starts = [text.index(spec.starts) for spec in specs]
    assert [span.start for span in spans] == starts


@settings(max_examples=300, deadline=None)
@given(_texts(), st.text(min_size=1, max_size=10), st.text(max_size=4), st.text(max_size=4))
def test_find_quote_span_is_the_quote(text: str, quote: str, prefix: str, suffix: str) -> None:
    result = find_quote(text, quote, prefix, suffix)
    if result.span is not None:
        start, end = result.span
        assert text[start:end] == quote
        assert text[:start].endswith(prefix) and text[end:].startswith(suffix)
        assert result.matches == 1
    else:
        assert result.matches != 1


class _TextAndNesting(HTMLParser):
    """The text of each top-level ``<p>``, and whether every element closes in order."""

    def __init__(self, skip_classes: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.well_nested = True
        self.skip_classes = skip_classes

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "br":
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append((tag, bool(classes & self.skip_classes)))
        if tag == "p":
            self.paragraphs.append("")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if not self.stack or self.stack[-1][0] != tag:
            self.well_nested = False
            return
        self.stack.pop()

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if any(tag == "p" for tag, _ in self.stack) and not self._skipping():
            self.paragraphs[-1] += data


@st.composite
def _decorated_clause(draw):  # type: ignore[no-untyped-def]
    text = draw(_texts()).strip() or "x"
    decorations = []
    for rank in range(draw(st.integers(min_value=0, max_value=5))):
        start = draw(st.integers(min_value=0, max_value=len(text) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=len(text)))
        tag = draw(st.sampled_from(["a", "mark", "abbr", "span"]))
        decorations.append(Decoration(start, end, f'<{tag} class="d{rank}">', f"</{tag}>", rank=draw(st.integers(0, 3))))
    insertions = [Insertion(draw(st.integers(min_value=0, max_value=len(text))),
                            '<button class="marker" type="button">note</button>')
                  for _ in range(draw(st.integers(min_value=0, max_value=3)))]
    return text, decorations, insertions


@settings(max_examples=300, deadline=None)
@given(_decorated_clause())
def test_rendering_then_extracting_gives_back_the_clause_text(case) -> None:  # type: ignore[no-untyped-def]
    text, decorations, insertions = case
    html = render_clause_text(text, decorations, insertions)
    parser = _TextAndNesting({"marker"})
    parser.feed(html)
    parser.close()
    assert parser.well_nested and parser.stack == []
    # Paragraphs are split at blank lines; inside one, every character comes back.
    extracted = parser.paragraphs
    assert "".join("".join(p.split()) for p in extracted) == "".join(text.split())
    assert " ".join(" ".join(p.split()) for p in extracted) == " ".join(text.split())
    for paragraph in extracted:  # exactly a slice of the text: no character changed, CR and all
        assert paragraph in text


_HTML_BITS = st.sampled_from(["<p>", "</p>", "<em>", "</em>", "<a href=\"https://ok.example/\">", "</a>",
                              "<script>x()</script>", "<img src=x onerror=y()>", "<div onclick=\"z()\">", "</div>",
                              "text", " ", "&amp;", "&lt;", "<svg><a xlink:href=\"javascript:q()\">s</a></svg>",
                              "<a href=\"javascript:w()\">j</a>", "<table><tr><td>c</td></tr></table>",
                              "<!-- c -->", "<style>p{}</style>", "<code>&lt;b&gt;</code>", "<sup id=\"note-x-1\">1</sup>"])


# Found by this test (now and then, before the fix): the cleaner moves a table out of its
# paragraph, a diff of the tag sequences calls that a "replace", and the table was reported as
# removed. Pinned so the case runs on every run, whatever the random draw.
_MOVED_TABLES = ("</a><p> <code>&lt;b&gt;</code></em><code>&lt;b&gt;</code><code>&lt;b&gt;</code>"
                 "<table><tr><td>c</td></tr></table></p><table><tr><td>c</td></tr></table>"
                 "<table><tr><td>c</td></tr></table><em>")


@settings(max_examples=300, deadline=None)
@given(st.lists(_HTML_BITS, max_size=25).map("".join))
@example(_MOVED_TABLES)
@example("<p><table><tr><td>c</td></tr></table></p><table><tr><td>c</td></tr></table>")
def test_sanitizing_is_idempotent_and_leaves_nothing_that_runs(html: str) -> None:
    once = sanitize_html(html, id_prefix="note-x-")
    twice = sanitize_html(once.html, id_prefix="note-x-")
    assert twice.html == once.html and twice.removed == ()
    lowered = once.html.lower()
    assert "<script" not in lowered and "onerror" not in lowered and "onclick" not in lowered
    assert "javascript:" not in lowered and "<svg" not in lowered and "<style" not in lowered
    risky = ("<script" in html or "onerror" in html or "onclick" in html or "javascript:" in html
             or "<style" in html or "<svg" in html)
    # Something is reported exactly when something unsafe was there: comments, the rel added to
    # links and the tbody a table gains are not losses.
    assert bool(once.removed) == risky, once.removed

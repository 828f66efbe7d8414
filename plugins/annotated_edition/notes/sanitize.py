"""Allowlist sanitizing of contributors' HTML, and a report of everything it took out.

Note bodies come from strangers' pull requests and are published under the edition's name, so
the HTML that Markdown makes of them goes through ``nh3`` (the Rust ``ammonia`` sanitizer) with
an allowlist that covers what commentary needs: emphasis, lists, links, quotations, footnotes,
tables, code. Anything else (scripts, styles, frames, forms, SVG and MathML, event handlers,
``javascript:`` and ``data:`` URLs, images that would be fetched from the network) is removed.

Nothing may be dropped silently: :func:`sanitize_html` compares the parsed input with the
parsed output and lists every element, attribute and piece of text that did not survive, so
the build can warn and ``--strict`` can refuse the note.
"""

from __future__ import annotations

import difflib
from collections import Counter
import html as _html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # imported when a note is first sanitized: a build whose notes are all cached never needs it
    import nh3

__all__ = ["SanitizedHtml", "Removal", "sanitize_html", "safe_href", "cleaner", "ALLOWED_TAGS", "LINK_SCHEMES", "LINK_REL"]

# What Markdown produces for the features a note legitimately needs, plus a few inline tags a
# contributor may type by hand. Headings start at h4 because a note's headings sit under its
# own h3; raw h1-h3 would break the page outline, so they are reported instead.
ALLOWED_TAGS: frozenset[str] = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "div", "dl", "dt", "em",
    "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul", "var",
})

# Elements whose content goes with them: keeping the text of a script or a style would show
# code to the reader, and SVG/MathML/template content is parsed by rules of its own.
_REMOVED_WITH_CONTENT: frozenset[str] = frozenset({
    "script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math",
    "textarea", "select", "xmp", "noembed", "noframes", "title",
})

_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "q": {"cite"},
    "blockquote": {"cite"},
}

# Links may leave the site only for the web or e-mail; ``javascript:``, ``data:``, ``vbscript:``
# and every other scheme are removed.
LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "cite", "src"})
# Classes Markdown's footnotes and fenced code put on their output; any other class could
# borrow the theme's styling to imitate the page around the note.
_CLASS_ALLOWED = re.compile(r"^(?:footnote|footnote-ref|footnote-backref|language-[A-Za-z0-9_+-]{1,40})$")
_ALIGN_VALUES = frozenset({"left", "right", "center"})


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer took out: what it was, and a piece of the source to find it by."""

    what: str
    clues: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.what


@dataclass(frozen=True)
class SanitizedHtml:
    """Safe HTML, and one entry per thing the sanitizer removed."""

    html: str
    removed: tuple[Removal, ...] = ()


@dataclass
class _ParsedHtml:
    elements: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    """Elements with their attributes, in document order, and the readable text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = _ParsedHtml()
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.elements.append((tag, [(name, value or "") for name, value in attrs]))
        if tag in _REMOVED_WITH_CONTENT:
            self._skipping.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.elements.append((tag, [(name, value or "") for name, value in attrs]))

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parsed.text.append(data)


def _parse(html: str) -> _ParsedHtml:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.parsed


def _scheme_allowed(url: str) -> bool:
    """True for relative links (not ``//host``, which leaves the site) and allowed schemes."""
    stripped = url.strip()
    if stripped.startswith("//") or stripped.startswith("\\\\"):
        return False
    try:
        scheme = urlsplit(stripped).scheme.lower()
    except ValueError:
        return False
    return scheme == "" or scheme in LINK_SCHEMES


def safe_href(url: str) -> str | None:
    """The URL if it may become an ``href`` built from front matter (http or https), else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def _make_attribute_filter(id_prefix: str):  # type: ignore[no-untyped-def]
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            # Ids are scoped to the note; an unscoped one could clobber the page's own anchors.
            return value if id_prefix and value.startswith(id_prefix) else None
        if attribute == "class":
            kept = [name for name in value.split() if _CLASS_ALLOWED.match(name)]
            return " ".join(kept) if kept else None
        if attribute == "align":
            return value if value.lower() in _ALIGN_VALUES else None
        if attribute in _URL_ATTRIBUTES:
            return value if _scheme_allowed(value) else None
        return value
    return keep


LINK_REL = "noopener noreferrer"
_ADDED_REL = f' rel="{LINK_REL}"'


def cleaner(id_prefix: str, link_rel: str | None = LINK_REL) -> nh3.Cleaner:
    import nh3
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=_make_attribute_filter(id_prefix),
        url_schemes=set(LINK_SCHEMES),
        strip_comments=True,
        link_rel=link_rel,
    )


def _describe_element(tag: str, attributes: list[tuple[str, str]]) -> str:
    shown = "".join(f" {name}={_short(value)}" if value else f" {name}" for name, value in attributes)
    return f"<{tag}{shown}>"


def _short(value: str, limit: int = 60) -> str:
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


def _common_ends(before: list, after: list) -> tuple[int, int]:  # type: ignore[type-arg]
    """Lengths of the common prefix and suffix, so the quadratic diff only sees the middle."""
    limit = min(len(before), len(after))
    prefix = 0
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _element_removals(before: _ParsedHtml, after: _ParsedHtml) -> list[Removal]:
    """Elements the sanitizer dropped, and attributes it stripped from the ones it kept.

    What counts as dropped is decided by counting, not by diff alignment: the HTML parser that
    cleans may move elements (a table out of a paragraph, say), and a diff sees a move as a
    "replace" of one run of tags by another. Only the tags that occur fewer times afterwards
    were dropped. The alignment still pairs each kept element with its cleaned copy, so that
    attribute losses can be reported."""
    before_tags = [tag for tag, _ in before.elements]
    after_tags = [tag for tag, _ in after.elements]
    pairs, unpaired = _pair_elements(before_tags, after_tags)
    removed: list[Removal] = []
    for before_index, after_index in sorted(pairs):
        tag, attributes = before.elements[before_index]
        kept = after.elements[after_index][1]
        for name, value in attributes:
            if name == "class":
                classes = _classes_dropped(value, kept)
                if classes:
                    removed.append(Removal(f"class {_short(' '.join(classes))} on <{tag}>", (value, *classes)))
            elif (name, value) not in kept:
                removed.append(Removal(f"attribute {name}={_short(value)} on <{tag}>", (value, f"{name}=")))
    missing = Counter(before_tags) - Counter(after_tags)
    for index in unpaired:
        tag, attributes = before.elements[index]
        if missing[tag] <= 0:
            continue  # moved, not dropped: another element of this tag survives unpaired
        missing[tag] -= 1
        what = "element and its content" if tag in _REMOVED_WITH_CONTENT else "element"
        values = tuple(value for _name, value in attributes if len(value) > 2)
        removed.append(Removal(f"{what} {_describe_element(tag, attributes)}", (f"<{tag}", *values)))
    return removed


def _pair_elements(before_tags: list[str], after_tags: list[str]) -> tuple[list[tuple[int, int]], list[int]]:
    """Pair each element before cleaning with its copy after, where one can be found.

    Returns the (before, after) index pairs and the before-indices left without a partner.
    Inside a "replace" run, elements of the same tag are paired in order of appearance."""
    prefix, suffix = _common_ends(before_tags, after_tags)
    pairs = [(i, i) for i in range(prefix)]
    pairs += [(len(before_tags) - suffix + i, len(after_tags) - suffix + i) for i in range(suffix)]
    unpaired: list[int] = []
    matcher = difflib.SequenceMatcher(a=before_tags[prefix:len(before_tags) - suffix],
                                      b=after_tags[prefix:len(after_tags) - suffix], autojunk=False)
    for operation, before_start, before_end, after_start, after_end in matcher.get_opcodes():
        if operation == "equal":
            pairs += [(prefix + before_start + k, prefix + after_start + k) for k in range(before_end - before_start)]
        elif operation in ("delete", "replace"):
            waiting: dict[str, list[int]] = {}
            for k in range(after_start, after_end):
                waiting.setdefault(after_tags[prefix + k], []).append(prefix + k)
            for k in range(before_start, before_end):
                partners = waiting.get(before_tags[prefix + k])
                if partners:
                    pairs.append((prefix + k, partners.pop(0)))
                else:
                    unpaired.append(prefix + k)
    return pairs, unpaired


def _classes_dropped(value: str, kept: list[tuple[str, str]]) -> list[str]:
    """A class list trimmed to its allowed names: only the names dropped count as removed."""
    kept_classes = {name for attr, classes in kept if attr == "class" for name in classes.split()}
    return [name for name in value.split() if name not in kept_classes]


def _text_removals(before: _ParsedHtml, after: _ParsedHtml) -> list[Removal]:
    """Readable text that disappeared (outside elements already reported with their content)."""
    before_text = "".join("".join(before.text).split())
    after_text = "".join("".join(after.text).split())
    if before_text == after_text:
        return []
    prefix, suffix = _common_ends(list(before_text), list(after_text))
    middle_before = before_text[prefix:len(before_text) - suffix]
    middle_after = after_text[prefix:len(after_text) - suffix]
    matcher = difflib.SequenceMatcher(a=middle_before, b=middle_after, autojunk=False)
    lost = [middle_before[i1:i2] for op, i1, i2, _j1, _j2 in matcher.get_opcodes() if op in ("delete", "replace")]
    return [Removal(f"text {_short(piece, 40)}", (piece[:20],)) for piece in lost if piece]


def _nothing_removed(html: str, id_prefix: str) -> bool:
    """Whether cleaning only added ``rel`` to links and re-spelled character references
    (``&#160;`` as ``&nbsp;``, ``&#8617;`` as the character itself). The two HTML parses and the
    diff that list removals cost ten times the cleaning, and almost every note has a link; this
    only decides whether to look for removals: the published HTML is the cleaned HTML either way."""
    unchanged = cleaner(id_prefix, link_rel=None).clean(html)
    return unchanged == html or _html.unescape(unchanged) == _html.unescape(html)


def _only_rel_added(clean: str, html: str) -> bool:
    """Whether the cleaned HTML is ``html`` with ``rel`` added to links, and perhaps character
    references re-spelled, and nothing else: the usual case (Markdown writes links without
    ``rel``, and a footnote's back link as ``&#8617;``), answered without cleaning a second time."""
    if _ADDED_REL not in clean:
        return False
    without_rel = clean.replace(_ADDED_REL, "")
    return without_rel == html or _html.unescape(without_rel) == _html.unescape(html)


def sanitize_html(html: str, id_prefix: str = "") -> SanitizedHtml:
    """Clean ``html`` with the allowlist; list what was removed. Ids must start with ``id_prefix``."""
    clean = cleaner(id_prefix).clean(html)
    if clean == html or _only_rel_added(clean, html) or _nothing_removed(html, id_prefix):
        return SanitizedHtml(clean)
    before, after = _parse(html), _parse(clean)
    removed = _element_removals(before, after) + _text_removals(before, after)
    return SanitizedHtml(clean, tuple(removed))

"""Read one HTML page as a link checker sees it: its ids, the links and resources it refers to,
and whether each outside link sits inside a citation a reader can see.

Shared by the site-wide link check (:mod:`annotated_edition.tools.link_check`) and by the notes
stage, which uses it to keep the links inside a note's body working wherever the body is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["CITATION_CLASSES", "FETCHED_RELATIONS", "READER_SCHEMES", "WEB_SCHEMES", "check_page_html", "PageLinks", "Reference"]

# Where a link to another site is a citation the reader sees: sources lists, bylines, a
# document's metadata and notices, the text of notes (in full, in popovers, in print), and any
# link that prints its own address (class ``ae-source-url``).
CITATION_CLASSES: frozenset[str] = frozenset({
    "ae-sources", "ae-note__meta", "ae-doc-meta", "ae-notice", "ae-note__body", "ae-popover",
    "ae-endnote__body", "ae-endnote", "ae-source-url",
})

# <link> relations a browser fetches; any other (schema.DC, canonical, license …) only names
# something and is never requested.
FETCHED_RELATIONS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
                                "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender",
                                "manifest", "import"})
# "Edit this page" (the theme's) and "Edit this note" (ours): links for contributors to the
# page's source in the edition's repository. The online site has them; the offline build has
# none (``make offline`` builds without an edit address), and ``offline=True`` says so.
EDIT_LINK_CLASSES: frozenset[str] = frozenset({"md-content__button", "ae-edit-note"})
_RESOURCES = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
              ("video", "poster"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("input", "src"),
              ("track", "src"), ("form", "action"), ("button", "formaction"), ("image", "href"),
              ("use", "href")}
_SRCSETS = {("img", "srcset"), ("source", "srcset")}
_ID_LISTS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "popovertarget")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
WEB_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})
READER_SCHEMES = frozenset({"mailto", "tel"})


@dataclass(frozen=True)
class Reference:
    kind: str          # "link", "edit", "resource", "metadata" (a <link> nothing fetches) or "id"
    tag: str
    attribute: str
    value: str
    in_citation: bool
    text: str = ""


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self, citation_classes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()
        self._citation_classes = citation_classes
        self._open: list[tuple[str, bool]] = []       # (tag, inside a citation)
        self._anchor: list[tuple[dict[str, str], bool, list[str]]] = []

    def _in_citation(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = set(attributes.get("class", "").split())
        citation = self._in_citation() or bool(classes & self._citation_classes)
        if "id" in attributes:
            self.page.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.page.ids.add(attributes["name"])
        for name, value in attributes.items():
            if (tag, name) in _RESOURCES:
                self.page.references.append(Reference("resource", tag, name, value, citation))
            elif (tag, name) in _SRCSETS:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.references.append(
                            Reference("resource", tag, name, candidate.strip().split()[0], citation))
            elif tag == "link" and name == "href":
                relations = set(attributes.get("rel", "").lower().split())
                kind = "resource" if relations & FETCHED_RELATIONS or not relations else "metadata"
                self.page.references.append(Reference(kind, tag, name, value, citation))
            elif name in _ID_LISTS or (tag == "label" and name == "for"):
                for target in value.split():
                    self.page.references.append(Reference("id", tag, name, target, citation))
        if tag == "a" and "href" in attributes or tag == "area" and "href" in attributes:
            edit = bool(classes & EDIT_LINK_CLASSES)
            self._anchor.append((attributes | {"__tag": "edit" if edit else tag}, citation, []))
            if tag == "area":
                self._finish_anchor()
        if tag not in _VOID:
            self._open.append((tag, citation))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._open and self._open[-1][0] == tag:
            self._open.pop()
            if tag == "a" and self._anchor:
                self._finish_anchor()

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._anchor:
            self._finish_anchor()
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                del self._open[depth:]
                break

    def handle_data(self, data: str) -> None:
        for _attributes, _citation, text in self._anchor:
            text.append(data)

    def _finish_anchor(self) -> None:
        attributes, citation, text = self._anchor.pop()
        tag = attributes.pop("__tag")
        kind = "edit" if tag == "edit" else "link"
        self.page.references.append(
            Reference(kind, "a" if tag == "edit" else tag, "href", attributes["href"], citation,
                       " ".join("".join(text).split())))

    def close(self) -> None:
        super().close()
        while self._anchor:
            self._finish_anchor()


def check_page_html(html: str, citation_classes: frozenset[str] = CITATION_CLASSES) -> PageLinks:
    parser = _PageParser(citation_classes)
    parser.feed(html)
    parser.close()
    return parser.page

"""Machine-readable exports: the whole edition as JSON, and the notes as W3C Web Annotations.

Both are deterministic: keys sorted, lists in the edition's own order, no clock time (the only
dates are the data's and the edition's, see :mod:`.edition_info`), and no file-system paths
but those relative to the project. Two builds of the same sources give the same bytes.
Links are absolute when the site's address is known, otherwise relative to ``data/``, where
the files are published.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .commitments import commitments_json
from .edition_info import EditionInfo
from .json_text import dumps_sorted
from ..links import INVERSE_LABELS, LABELS
from ..model import Clause, Edition, Note, Ref, SourceRef
from ..note_citations import cited_keys
from .rendered_text import RenderedText, quote_selector
from ..sources.timeline import event_anchor
from ..urls import page_source_path, page_url

__all__ = ["EXPORT_FOLDER", "EXPORT_FILES", "edition_json", "annotations_jsonld", "dumps",
           "ANNOTATION_CONTEXT"]

EXPORT_FOLDER = "data"
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Published file → the repository schema it is checked against (published beside it).
EXPORT_FILES = {
    "edition.json": "export-edition",
    "annotations.jsonld": "export-annotations",
}


def dumps(data: Any) -> str:
    """The one serialization every export uses: sorted keys, UTF-8 text, a final newline."""
    return dumps_sorted(data) + "\n"


class _Links:
    """Addresses as seen from ``data/``: absolute with a base URL, else relative."""

    def __init__(self, info: EditionInfo, directory_urls: bool) -> None:
        self.info = info
        self.directory_urls = directory_urls

    def site(self, site_path: str, fragment: str = "") -> str:
        if self.info.base_url:
            url = self.info.url(site_path)
        else:
            target = site_path or "."
            url = posixpath.relpath(target, EXPORT_FOLDER) + ("/" if site_path.endswith("/") else "")
        return url + (f"#{fragment}" if fragment else "")

    def page(self, source_path: str, fragment: str = "") -> str:
        return self.site(page_url(source_path, self.directory_urls), fragment)

    def ref(self, ref: Ref, fragment: str = "") -> str:
        return self.page(page_source_path(ref), fragment)


def _source(source: SourceRef) -> dict[str, str]:
    return {key: value for key, value in (("id", source.id), ("title", source.title), ("publisher", source.publisher),
                                          ("date", source.date), ("url", source.url), ("party", source.party)) if value}


def _relative(path: Path | None, root: Path) -> str:
    if path is None:
        return ""
    try:
        return path.resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return path.name


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    return root.resolve()  # once per build, not once per note


def _clause(clause: Clause, has_text: bool, links: _Links) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": str(clause.ref), "document": clause.document, "clause": clause.id, "label": clause.label,
        "url": links.ref(clause.ref), "in_document": links.ref(Ref(clause.document), clause.id),
    }
    if clause.number is not None:
        item["number"] = clause.number
    if has_text:
        item.update(text=clause.text, start=clause.start, end=clause.end)
    else:
        item["summary"] = clause.summary
    return item


def _note(note: Note, root: Path, links: _Links, note_html: Callable[[Note], str]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": note.slug, "target": str(note.target), "title": note.title,
        "authors": [{k: v for k, v in (("name", a.name), ("url", a.url)) if v} for a in note.authors],
        "date": note.date, "sources": [_source(s) for s in note.sources], "tags": list(note.tags),
        "body_markdown": note.body.strip() + "\n", "body_html": note_html(note),
        "cites": cited_keys(note.body),
        "url": links.ref(note.target, note.anchor), "source_file": _relative(note.path, root),
    }
    if note.quote:
        item.update(quote=note.quote, prefix=note.prefix, suffix=note.suffix)
    if note.span is not None:
        item.update(start=note.span[0], end=note.span[1])
    return item


def edition_json(edition: Edition, info: EditionInfo, root: Path, note_html: Callable[[Note], str],
                 directory_urls: bool = False) -> dict[str, Any]:
    """Documents, clauses, notes, entities, events and typed cross-references, as one object."""
    links = _Links(info, directory_urls)
    mentions: dict[str, list[dict[str, Any]]] = {}
    for mention in edition.mentions:
        mentions.setdefault(mention.entity, []).append(
            {"clause": str(mention.clause), "start": mention.start, "end": mention.end, "alias": mention.alias})
    return {
        "edition": {
            "title": info.title, "editors": list(info.editors), "version": info.version, "date": info.date,
            "language": info.language, "licence": info.licence, "generator": info.generator,
            "url": links.page("index.md"), "primary_document": edition.primary,
        },
        "documents": [
            {
                "id": d.id, "title": d.title, "short_title": d.short_title, "date": d.date, "place": d.place,
                "language": d.language, "parties": list(d.parties),
                "signatories": [{"name": s.name, "role": s.role} for s in d.signatories],
                "source": _source(d.source), "licence": d.licence, "has_text": d.has_text,
                "text_file": _relative(d.text_path, root) if d.text_path else None,
                "url": links.ref(Ref(d.id)), "editorial_notes": {n.id: n.text for n in sorted(d.editorial_notes, key=lambda n: n.id)},
            }
            for d in edition.documents.values()
        ],
        "clauses": [_clause(c, d.has_text, links) for d in edition.documents.values() for c in d.clauses],
        "notes": [_note(n, root, links, note_html) for n in edition.notes],
        "entities": [
            {
                "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                "description": e.description, "sources": [_source(s) for s in e.sources],
                "url": links.page(f"entities/{e.id}.md"), "mentions": mentions.get(e.id, []),
            }
            for e in edition.entities
        ],
        "events": [
            {
                "id": e.id, "date": e.date, "precision": e.precision, "title": e.title,
                "description": e.description, "concerns": [str(r) for r in e.concerns],
                "sources": [_source(s) for s in e.sources], "url": links.page("timeline.md", event_anchor(e)),
            }
            for e in edition.events
        ],
        "commitments": commitments_json(edition, links.page, links.ref),
        "crossrefs": [
            {"from": str(x.source), "type": x.type, "to": str(x.target), "reason": x.reason,
             "label": LABELS[x.type], "inverse_label": INVERSE_LABELS[x.type]}
            for x in edition.crossrefs
        ],
    }


def _references(note: Note) -> list[dict[str, str]]:
    by_id = {source.id: source for source in note.sources if source.id}
    references = []
    for key in cited_keys(note.body):
        source = by_id.get(key)
        if source is None:
            continue
        item = {"dcterms:identifier": key, "dcterms:title": source.title}
        for name, value in (("dcterms:publisher", source.publisher), ("dcterms:date", source.date), ("id", source.url)):
            if value:
                item[name] = value
        references.append(item)
    return references


def _created(date: str) -> str:
    """The model wants a UTC date-time; a note's date is a day, so it is that day's midnight."""
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def annotations_jsonld(edition: Edition, info: EditionInfo, rendered: dict[str, RenderedText],
                       note_html: Callable[[Note], str], directory_urls: bool = False) -> dict[str, Any]:
    """Every note as a W3C Web Annotation, all in one ``AnnotationCollection``.

    ``rendered`` holds each document page's anchoring text (see :mod:`.rendered_text`), so a
    phrase note's TextQuoteSelector is computed against what that page really shows.
    """
    links = _Links(info, directory_urls)
    items = []
    for note in edition.notes:
        clause = edition.clause(note.target)
        assert clause is not None and note.target.clause is not None
        selectors: list[dict[str, str]] = [{
            "type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
            "value": note.target.clause,
        }]
        if note.span is not None:
            selectors.append(quote_selector(rendered[note.target.document], note.target.clause,
                                            clause.display_text, note.quote, note.span[0]))
        creators = [{k: v for k, v in (("name", a.name), ("homepage", a.url)) if v} for a in note.authors]
        items.append({
            "id": links.ref(note.target, note.anchor),
            "type": "Annotation",
            "motivation": "commenting",
            "label": note.title,
            "created": _created(note.date),
            "creator": creators,
            "body": {"type": "TextualBody", "format": "text/html", "language": info.language,
                     "purpose": "commenting", "value": note_html(note)},
            # The sources the note's body cites, in order of first citation (Dublin Core terms,
            # a prefix the Web Annotation context defines).
            "dcterms:references": _references(note),
            "target": {"source": links.ref(Ref(note.target.document)), "selector": selectors},
        })
    collection_id = links.site(f"{EXPORT_FOLDER}/annotations.jsonld")
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Notes of {info.title}, version {info.version}",
        "total": len(items),
        "generated": _created(info.date),
        "generator": {"type": "Software", "name": info.generator},
        "first": {"id": f"{collection_id}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }

"""Entities on the pages: mention links in the texts, the glossary, and one page per entity.

A mention becomes a link to its entity's page whose ``title`` is the entity's name and
description: Material's ``content.tooltips`` shows it on hover and on keyboard focus, and the
attribute is also the link's accessible description. A mention never nests inside another
link (those ranges were skipped when mentions were found) and never straddles a phrase note's
highlight, which would split the link in two or put the note's button inside it.
"""

from __future__ import annotations

from collections import defaultdict

from ..sources.entities import ENTITY_TYPES
from .fragments import ref_label
from .inline import Decoration
from ..model import Clause, Edition, Entity, Mention, Ref
from ..exports.rendered_text import normalize
from .templates import Templates, package_templates
from ..urls import Linker

__all__ = ["GLOSSARY_PAGE", "entity_page_path", "MentionIndex", "mention_decorator", "render_glossary_page",
           "render_entity_page"]

GLOSSARY_PAGE = "glossary.md"
MENTION_RANK = 3  # inside text links (0) and phrase highlights (2): see render.py


def entity_page_path(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


class MentionIndex:
    """Mentions by clause and by entity, built once per build."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.entities = {entity.id: entity for entity in edition.entities}
        self.by_clause: dict[Ref, list[Mention]] = defaultdict(list)
        self.by_entity: dict[str, list[Mention]] = defaultdict(list)
        for mention in edition.mentions:
            self.by_clause[mention.clause].append(mention)
            self.by_entity[mention.entity].append(mention)

    def clauses_of(self, entity_id: str) -> list[tuple[Ref, list[Mention]]]:
        """Clauses that mention the entity, in edition order, each with its mentions."""
        grouped: dict[Ref, list[Mention]] = {}
        for mention in self.by_entity.get(entity_id, []):
            grouped.setdefault(mention.clause, []).append(mention)
        return list(grouped.items())


def tooltip(entity: Entity) -> str:
    return f"{entity.name}: {entity.description}"


def _straddles(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when [start, end) is neither inside nor clear of every span."""
    return any(start < s_end and s_start < end and not (s_start <= start and end <= s_end)
               for s_start, s_end in spans)


def mention_decorator(index: MentionIndex, templates: Templates | None = None):  # type: ignore[no-untyped-def]
    """A ``RenderContext`` decorator: each mention in a clause becomes a link with a tooltip
    (the wrapper template ``text/mention.html``)."""
    chosen = templates or package_templates()

    def decorate(clause: Clause, linker: Linker) -> list[Decoration]:
        phrase_spans = [n.span for n in index.edition.notes_for(clause.ref) if n.span is not None]
        decorations = []
        for mention in index.by_clause.get(clause.ref, []):
            if _straddles(mention.start, mention.end, phrase_spans):
                continue
            entity = index.entities[mention.entity]
            open_tag, close_tag = chosen.wrapper("text/mention.html", entity=entity, tooltip=tooltip(entity),
                                                 href=linker.to_source(entity_page_path(entity.id)))
            decorations.append(Decoration(mention.start, mention.end, open_tag, close_tag, rank=MENTION_RANK))
        return decorations

    return decorate


def _places(index: MentionIndex, entity: Entity, linker: Linker, contexts: bool = False) -> list[dict[str, object]]:
    """The clauses that mention the entity: link, label, how many times, and (``contexts``)
    the words around each mention."""
    places: list[dict[str, object]] = []
    for ref, mentions in index.clauses_of(entity.id):
        place: dict[str, object] = {"ref": str(ref), "href": linker.to(ref), "label": ref_label(index.edition, ref),
                                    "count": len(mentions)}
        if contexts:
            clause = index.edition.clause(ref)
            assert clause is not None
            place["contexts"] = [_context(clause.display_text, m.start, m.end) for m in mentions]
        places.append(place)
    return places


def render_glossary_page(index: MentionIndex, directory_urls: bool, templates: Templates | None = None) -> str:
    """Every entity, grouped by type, with its description and the clauses that mention it
    (template ``glossary.md``)."""
    linker = Linker(GLOSSARY_PAGE, directory_urls)
    groups = []
    for type_id, heading in ENTITY_TYPES.items():
        entities = sorted((e for e in index.edition.entities if e.type == type_id), key=lambda e: e.name.casefold())
        if entities:
            groups.append({"heading": heading, "entries": [
                {"entity": entity, "href": linker.to_source(entity_page_path(entity.id)),
                 "places": _places(index, entity, linker)} for entity in entities]})
    return (templates or package_templates()).render("glossary.md", groups=groups)


def _context(text: str, start: int, end: int, width: int = 70) -> dict[str, str]:
    """The words around a mention, and the mention itself (the template marks it)."""
    before = normalize(text[max(0, start - width):start].replace("\n", " "))
    after = normalize(text[end:end + width])
    if start - width > 0 and " " in before:
        before = "… " + before.split(" ", 1)[1]
    if end + width < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + " …"
    return {"before": before, "space_before": " " if text[max(0, start - 1):start].isspace() else "",
            "words": normalize(text[start:end]), "space_after": " " if text[end:end + 1].isspace() else "",
            "after": after}


def render_entity_page(index: MentionIndex, entity: Entity, directory_urls: bool,
                       templates: Templates | None = None) -> str:
    """One entity: what it is, the forms the texts use, every clause that mentions it, sources
    (template ``entity.md``)."""
    linker = Linker(entity_page_path(entity.id), directory_urls)
    places = _places(index, entity, linker, contexts=True)
    return (templates or package_templates()).render(
        "entity.md", entity=entity, places=places, glossary_href=linker.to_source(GLOSSARY_PAGE, entity.id))

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
from .fragments import esc, md_heading_text, ref_label, render_sources
from .inline import Decoration
from ..model import Clause, Edition, Entity, Mention, Ref
from ..exports.rendered_text import normalize
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


def mention_decorator(index: MentionIndex):  # type: ignore[no-untyped-def]
    """A ``RenderContext`` decorator: each mention in a clause becomes a link with a tooltip."""

    def decorate(clause: Clause, linker: Linker) -> list[Decoration]:
        phrase_spans = [n.span for n in index.edition.notes_for(clause.ref) if n.span is not None]
        decorations = []
        for mention in index.by_clause.get(clause.ref, []):
            if _straddles(mention.start, mention.end, phrase_spans):
                continue
            entity = index.entities[mention.entity]
            open_tag = (f'<a class="ae-mention ae-mention--{esc(entity.type)}" data-entity="{esc(entity.id)}" '
                        f'href="{esc(linker.to_source(entity_page_path(entity.id)))}" title="{esc(tooltip(entity))}">')
            decorations.append(Decoration(mention.start, mention.end, open_tag, "</a>", rank=MENTION_RANK))
        return decorations

    return decorate


def _mentioned_in(index: MentionIndex, entity: Entity, linker: Linker) -> str:
    clauses = index.clauses_of(entity.id)
    if not clauses:
        return '<span class="ae-empty">no clause (listed for reference)</span>'
    items = []
    for ref, mentions in clauses:
        count = f" ({len(mentions)}×)" if len(mentions) > 1 else ""
        items.append(f'<a href="{esc(linker.to(ref))}">{esc(ref_label(index.edition, ref))}</a>{count}')
    return ", ".join(items)


def render_glossary_page(index: MentionIndex, directory_urls: bool) -> str:
    """Every entity, grouped by type, with its description and the clauses that mention it."""
    linker = Linker(GLOSSARY_PAGE, directory_urls)
    parts = ["# People, places and terms", "",
             '<p class="ae-lead">Who and what the texts name, in the editors\' words. In the texts, each name '
             'is a link: hover over it or focus it for a short description, follow it for the entity\'s page '
             'with every clause that mentions it.</p>', ""]
    for type_id, heading in ENTITY_TYPES.items():
        entities = sorted((e for e in index.edition.entities if e.type == type_id), key=lambda e: e.name.casefold())
        if not entities:
            continue
        parts += [f"## {heading}", "", '<dl class="ae-glossary">']
        for entity in entities:
            parts.append(
                f'<dt id="{esc(entity.id)}"><a href="{esc(linker.to_source(entity_page_path(entity.id)))}">'
                f'{esc(entity.name)}</a></dt>\n'
                f'<dd><p>{esc(entity.description)}</p>\n'
                f'<p class="ae-glossary__where">Mentioned in: {_mentioned_in(index, entity, linker)}</p></dd>')
        parts += ["</dl>", ""]
    return "\n".join(parts)


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    """The words around a mention, the mention itself marked."""
    before = normalize(text[max(0, start - width):start].replace("\n", " "))
    after = normalize(text[end:end + width])
    if start - width > 0 and " " in before:
        before = "… " + before.split(" ", 1)[1]
    if end + width < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + " …"
    space_before = " " if text[max(0, start - 1):start].isspace() else ""
    space_after = " " if text[end:end + 1].isspace() else ""
    return f"{esc(before)}{space_before}<mark>{esc(normalize(text[start:end]))}</mark>{space_after}{esc(after)}"


def render_entity_page(index: MentionIndex, entity: Entity, directory_urls: bool) -> str:
    """One entity: what it is, the forms the texts use, every clause that mentions it, sources."""
    linker = Linker(entity_page_path(entity.id), directory_urls)
    aliases = ", ".join(f"<q>{esc(a)}</q>" for a in entity.aliases)
    parts = [
        f"# {md_heading_text(entity.name)}", "",
        f'<div class="ae-entity" data-entity="{esc(entity.id)}" data-type="{esc(entity.type)}">\n'
        f'<p class="ae-entity__type">{esc(entity.type.capitalize())}'
        f' · <a href="{esc(linker.to_source(GLOSSARY_PAGE, entity.id))}">all people, places and terms</a></p>\n'
        f'<p class="ae-entity__description">{esc(entity.description)}</p>\n'
        + (f'<p class="ae-entity__aliases">In the texts as: {aliases}</p>\n' if aliases else "")
        + "</div>", "",
    ]
    clauses = index.clauses_of(entity.id)
    heading = (f"Mentioned in {len(clauses)} clause{'s' if len(clauses) != 1 else ''}" if clauses
               else "Not named in the texts")
    parts += [f"## {heading} {{ #mentions }}", ""]
    if not clauses:
        parts += ['<p class="ae-empty">The texts do not name it; it is listed for the commentary and the '
                  'timeline.</p>', ""]
    else:
        items = []
        for ref, mentions in clauses:
            clause = index.edition.clause(ref)
            assert clause is not None
            contexts = "".join(f'<li class="ae-kwic">{_context(clause.display_text, m.start, m.end)}</li>'
                               for m in mentions)
            items.append(f'<li data-clause="{esc(str(ref))}"><a href="{esc(linker.to(ref))}">'
                         f'{esc(ref_label(index.edition, ref))}</a>\n<ul>{contexts}</ul></li>')
        parts += ['<ul class="ae-mentions">', *items, "</ul>", ""]
    parts += ["## Sources { #sources }", "", render_sources(entity.sources), ""]
    return "\n".join(parts)

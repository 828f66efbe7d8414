"""Every file the plugin adds to a site, from one function: the pages (documents, clauses,
glossary, entities, timeline, data, print, documents list, contributing guide), the
stylesheets, the schemas, and placeholders for the exports written after rendering.

The adapter publishes this list as it is (one function there, ``_publish``), so the rules for
"is this page in the navigation", "which file does Edit open" and "this page is generated" are
written once. Nothing here knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..exports.edition_info import EditionInfo
from ..exports.files import export_paths
from ..links import LinkGraph
from ..model import Edition, Ref
from ..notes.convert import NoteBodies
from ..package_files import ASSETS_DIR, SCHEMA_DIR
from ..urls import page_source_path
from .catalogue import render_documents_page
from .commitments_page import IMPLEMENTATION_PAGE, render_implementation_page
from .commitments_page import clause_section as commitments_clause_section
from .commitments_page import document_block as commitments_block
from .context import ClauseSection, RenderContext
from .contribute import add_note_section
from .glossary import GLOSSARY_PAGE, MentionIndex, mention_decorator
from .knowledge import NAV_PAGES, cite_section, knowledge_pages
from .pages import generated_pages
from .print_edition import PRINT_PAGE, render_print_page
from .tags import TAGS_PAGE, render_tag_index
from .propose import PROPOSE_SCRIPTS, PROPOSE_SLUGS, ProposeSettings, clauses_script, clauses_script_path, \
    taken_slugs_script
from .assets import asset_files
from .script_files import read_script
from .templates import Templates
from .timeline_page import TIMELINE_PAGE, events_section

__all__ = ["SiteOptions", "GeneratedFile", "Site", "build_site"]

@dataclass(frozen=True)
class SiteOptions:
    """What the page builders need to know about the site, from whichever generator runs them."""

    site_name: str
    site_url: str = ""
    directory_urls: bool = False
    documents_page: str = ""
    print_edition: bool = True
    guide_page: str | None = None          # the contributing guide's page, when it is published
    sources_dir: Path | None = None        # where "Edit" on a data page leads (entities, timeline)
    entities_file: str = "entities.yml"
    timeline_file: str = "timeline.yml"
    commitments_file: str = "commitments.yml"
    nav_pages: frozenset[str] = frozenset()  # pages the site's explicit nav names
    propose: ProposeSettings | None = None  # "Propose a note on this passage", when a forge is set
    edit_url: Callable[[str], str | None] = lambda path: None
    templates_dir: Path | None = None      # the site's override templates, looked up before the package's
    note_bodies: NoteBodies = field(default_factory=NoteBodies)  # converted notes, maybe from a cache


@dataclass(frozen=True)
class GeneratedFile:
    """One file to add to the site.

    ``content`` None means "written after every page is rendered" (the exports). ``listing``
    pages go in the navigation when the site names them there (or has no explicit nav); every
    other generated page stays out of it, so the nav does not grow with the corpus.
    ``edit_source`` is the file a reader's "Edit this page" should open, or None."""

    path: str
    content: str | bytes | None
    listing: bool = False
    edit_source: Path | None = None


@dataclass(frozen=True)
class Site:
    context: RenderContext
    info: EditionInfo
    mentions: MentionIndex
    files: tuple[GeneratedFile, ...]
    edition_pages: int  # document, clause, documents and print pages: what grows with the corpus


def _sections(edition: Edition, info: EditionInfo, options: SiteOptions,
              templates: Templates) -> dict[str, ClauseSection]:
    sections = {"timeline": events_section(edition, templates),
                "cite": cite_section(edition, info, options.directory_urls, templates)}
    if edition.commitments:
        sections["implementation"] = commitments_clause_section(edition, templates)
    if options.guide_page:
        sections["contribute"] = add_note_section(options.guide_page, templates)
    return sections


def build_site(edition: Edition, info: EditionInfo, options: SiteOptions) -> Site:
    """The render context every page shares, and every generated file, in a stable order."""
    mentions = MentionIndex(edition)
    # One template environment per build: a rebuild (``mkdocs serve``) sees edited overrides.
    cache = options.note_bodies.cache
    templates = Templates(options.templates_dir, cache.folder if cache is not None else None)
    context = RenderContext(edition, LinkGraph(edition.crossrefs), directory_urls=options.directory_urls,
                            edit_url=options.edit_url, decorators=(mention_decorator(mentions, templates),),
                            sections=MappingProxyType(_sections(edition, info, options, templates)),
                            block_sections=(commitments_block(edition, templates),) if edition.commitments else (),
                            templates=templates, bodies=options.note_bodies)
    files: list[GeneratedFile] = []
    data_source = {GLOSSARY_PAGE: options.entities_file, TIMELINE_PAGE: options.timeline_file}
    for path, markdown in knowledge_pages(edition, info, mentions, options.directory_urls, templates).items():
        data_file = data_source.get(path, options.entities_file if path.startswith("entities/") else None)
        edit_source = options.sources_dir / data_file if options.sources_dir and data_file else None
        files.append(GeneratedFile(path, markdown, listing=path in NAV_PAGES, edit_source=edit_source))
    files += [GeneratedFile(path, None) for path in export_paths()]
    pages = generated_pages(context)
    for path, markdown in pages.items():
        document = edition.documents[path.split("/")[0]]
        is_document_page = path == page_source_path(Ref(document.id))
        # A clause page has no page-level "Edit": each of its notes links its own file, and the
        # sidecar (the clause map) is not what a reader means to change (docs/architecture.md).
        files.append(GeneratedFile(path, markdown, listing=is_document_page,
                                   edit_source=document.sidecar if is_document_page else None))
    if options.documents_page:
        files.append(GeneratedFile(options.documents_page, render_documents_page(context, options.documents_page),
                                   listing=True))
    if edition.commitments or IMPLEMENTATION_PAGE in options.nav_pages:
        # A nav that names the page gets it even before anything is tracked (it says so).
        tracker = options.sources_dir / options.commitments_file if options.sources_dir else None
        files.append(GeneratedFile(IMPLEMENTATION_PAGE, render_implementation_page(edition, options.directory_urls,
                                                                              context.templates),
                                   listing=True, edit_source=tracker))
    tag_index = any(note.tags for note in edition.notes)
    if tag_index:
        files.append(GeneratedFile(TAGS_PAGE, render_tag_index(context)))
    files += [GeneratedFile(path, content) for path, content in asset_files()]
    if options.print_edition:
        # Made from every file at once: no single source to edit.
        files.append(GeneratedFile(PRINT_PAGE, render_print_page(context, options.site_name, options.site_url),
                                   listing=True))
    if options.propose is not None:
        files += [GeneratedFile(clauses_script_path(document), clauses_script(document))
                  for document in edition.documents.values()]
        files += [GeneratedFile(PROPOSE_SLUGS, taken_slugs_script(edition, options.propose)),
                  GeneratedFile(PROPOSE_SCRIPTS[1], read_script(ASSETS_DIR / PROPOSE_SCRIPTS[1].rsplit("/", 1)[-1]))]
    files += [GeneratedFile(f"schemas/{schema.name}", schema.read_bytes())
              for schema in sorted(SCHEMA_DIR.glob("*.schema.json"))]
    edition_pages = len(pages) + bool(options.documents_page) + bool(options.print_edition) + \
        any(file.path == IMPLEMENTATION_PAGE for file in files) + tag_index
    return Site(context, info, mentions, tuple(files), edition_pages)

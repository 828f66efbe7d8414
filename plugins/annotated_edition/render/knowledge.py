"""The edition as a small knowledge base on its pages: the clause pages' "Cite this clause"
section (:func:`cite_section`), the glossary, entity, timeline and data pages
(:func:`knowledge_pages`), and each page's citation ``<meta>`` tags (:func:`head_meta_for`).
They reach the site through :mod:`.site`, like every other generated page.
"""

from __future__ import annotations

from ..exports.citations import bibtex, cite, csl_json, editors_phrase, head_meta_tags
from ..exports.edition_info import EditionInfo
from ..exports.data import EXPORT_FOLDER
from .glossary import GLOSSARY_PAGE, MentionIndex, entity_page_path, render_entity_page, \
    render_glossary_page
from ..model import Clause, Edition, Ref
from ..sources.timeline import format_date
from .templates import Templates, package_templates
from .context import ClauseSection
from .timeline_page import TIMELINE_PAGE, render_timeline_page
from ..urls import Linker, page_source_path

__all__ = ["cite_section", "knowledge_pages", "head_meta_for", "DATA_PAGE", "NAV_PAGES"]

DATA_PAGE = "data.md"
# Pages a reader reaches from the navigation; entity pages are reached from the texts and the glossary.
NAV_PAGES = (GLOSSARY_PAGE, TIMELINE_PAGE, DATA_PAGE)


def cite_section(edition: Edition, info: EditionInfo, directory_urls: bool,
                 templates: Templates | None = None) -> ClauseSection:
    """The clause page's "Cite this clause" section (template ``sections/cite.md``)."""
    chosen = templates or package_templates()

    def section(clause: Clause, linker: Linker) -> str:
        citation = cite(edition, info, clause.ref, directory_urls)
        return chosen.render("sections/cite.md", citation=citation, href=linker.to(clause.ref),
                             editors=editors_phrase(citation.editors), formatted_date=format_date(citation.date),
                             original_date=format_date(citation.original_date),
                             bibtex=bibtex(citation), csl_json=csl_json(citation))
    return section


def _data_page(edition: Edition, info: EditionInfo, templates: Templates) -> str:
    return templates.render("data.md", info=info, folder=EXPORT_FOLDER, documents=len(edition.documents),
                            notes=len(edition.notes), entities=len(edition.entities), events=len(edition.events),
                            commitments=len(edition.commitments))


def knowledge_pages(edition: Edition, info: EditionInfo, index: MentionIndex, directory_urls: bool,
                    templates: Templates | None = None) -> dict[str, str]:
    """Source path → Markdown of the glossary, entity, timeline and data pages."""
    chosen = templates or package_templates()
    pages = {GLOSSARY_PAGE: render_glossary_page(index, directory_urls, chosen)}
    for entity in edition.entities:
        pages[entity_page_path(entity.id)] = render_entity_page(index, entity, directory_urls, chosen)
    pages[TIMELINE_PAGE] = render_timeline_page(edition, directory_urls, chosen)
    pages[DATA_PAGE] = _data_page(edition, info, chosen)
    return pages


def head_meta_for(edition: Edition, info: EditionInfo, directory_urls: bool, src_uri: str,
                  templates: Templates | None = None) -> str | None:
    """Citation ``<meta>`` tags for a clause or document page; None for any other page."""
    document_id, _, rest = src_uri.partition("/")
    document = edition.documents.get(document_id)
    if document is None or not rest.endswith(".md"):
        return None
    clause_id = rest.removesuffix(".md")
    ref = Ref(document_id) if clause_id == "index" else Ref(document_id, clause_id)
    if ref.clause and document.clause(ref.clause) is None:
        return None
    if page_source_path(ref) != src_uri:
        return None
    tags = head_meta_tags(cite(edition, info, ref, directory_urls))
    return (templates or package_templates()).render("head_meta.html", tags=tags)

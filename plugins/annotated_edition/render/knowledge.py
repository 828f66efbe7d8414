"""The edition as a small knowledge base on its pages: the clause pages' "Cite this clause"
section (:func:`cite_section`), the glossary, entity, timeline and data pages
(:func:`knowledge_pages`), and each page's citation ``<meta>`` tags (:func:`head_meta_for`).
They reach the site through :mod:`.site`, like every other generated page.
"""

from __future__ import annotations

from ..exports.citations import bibtex, cite, csl_json, head_meta, plain_html
from ..exports.edition_info import EditionInfo
from ..exports.data import EXPORT_FOLDER
from .fragments import esc
from .glossary import GLOSSARY_PAGE, MentionIndex, entity_page_path, render_entity_page, \
    render_glossary_page
from ..model import Clause, Edition, Ref
from .context import ClauseSection
from .timeline_page import TIMELINE_PAGE, render_timeline_page
from ..urls import Linker, page_source_path

__all__ = ["cite_section", "knowledge_pages", "head_meta_for", "DATA_PAGE", "NAV_PAGES"]

DATA_PAGE = "data.md"
# Pages a reader reaches from the navigation; entity pages are reached from the texts and the glossary.
NAV_PAGES = (GLOSSARY_PAGE, TIMELINE_PAGE, DATA_PAGE)


def cite_section(edition: Edition, info: EditionInfo, directory_urls: bool) -> ClauseSection:
    """The clause page's "Cite this clause" section."""
    def section(clause: Clause, linker: Linker) -> str:
        citation = cite(edition, info, clause.ref, directory_urls)
        href = linker.to(clause.ref)
        return (
            "## Cite this clause\n\n"
            f'<div class="ae-cite" data-ref="{esc(str(clause.ref))}">\n'
            f'<p class="ae-cite__text">{plain_html(citation, href)}</p>\n'
            f'<p class="ae-cite__meta">Edition version {esc(citation.version)} of '
            f'<time datetime="{esc(citation.date)}">{esc(citation.date)}</time>. '
            f'Permalink: <a class="ae-cite__permalink" href="{esc(href)}">{esc(citation.url)}</a></p>\n'
            f'<details class="ae-cite__format"><summary>BibTeX</summary>\n'
            f'<pre class="ae-cite__bibtex"><code>{esc(bibtex(citation))}</code></pre>\n</details>\n'
            f'<details class="ae-cite__format"><summary>CSL-JSON</summary>\n'
            f'<pre class="ae-cite__csl-json"><code>{esc(csl_json(citation))}</code></pre>\n</details>\n'
            "</div>")
    return section


def _data_page(edition: Edition, info: EditionInfo) -> str:
    return "\n".join([
        "# Data", "",
        f"Everything this edition publishes is also available as data, for programs and for research. "
        f"The files below are written by every build; this is version {info.version} of {info.date}. "
        "Offsets count Unicode characters (code points) of the UTF-8 text, from zero.", "",
        "## The edition as JSON", "",
        f"- [edition.json]({EXPORT_FOLDER}/edition.json): the {len(edition.documents)} documents with their metadata; "
        f"every clause with its ID, label, text (or our summary) and its offsets into the source text; "
        f"the {len(edition.notes)} notes; the {len(edition.entities)} people, places, organizations and terms with "
        f"each of their mentions; the {len(edition.events)} timeline events; the {len(edition.commitments)} tracked "
        "commitments with their dated statuses, Peace Accords Matrix levels, events and sources; and the typed "
        "cross-references.",
        f"- [edition.schema.json]({EXPORT_FOLDER}/edition.schema.json): the JSON Schema (draft 2020-12) it follows.",
        "",
        "## The notes as Web Annotations", "",
        f"- [annotations.jsonld]({EXPORT_FOLDER}/annotations.jsonld): every note as a W3C Web Annotation, in one "
        "`AnnotationCollection`. Each target is the document page, located by a `FragmentSelector` (the clause's "
        "anchor); a note on a phrase also has a `TextQuoteSelector` (exact words, with the text just before and "
        "after) that matches once in the page's clause texts.",
        f"- [annotations.schema.json]({EXPORT_FOLDER}/annotations.schema.json): the JSON Schema it follows.",
        "",
        "## Citing", "",
        "Every clause page offers a citation in three forms (a sentence, BibTeX and CSL-JSON), and carries "
        "`citation_*` and Dublin Core `<meta>` tags that reference managers such as Zotero read.", "",
        "## Reproducibility", "",
        "Two builds of the same sources write the same bytes: nothing in these files comes from the clock. "
        "The edition's date is the newest date in its data, or the day given by `SOURCE_DATE_EPOCH`.", "",
    ])


def knowledge_pages(edition: Edition, info: EditionInfo, index: MentionIndex, directory_urls: bool) -> dict[str, str]:
    """Source path → Markdown of the glossary, entity, timeline and data pages."""
    pages = {GLOSSARY_PAGE: render_glossary_page(index, directory_urls)}
    for entity in edition.entities:
        pages[entity_page_path(entity.id)] = render_entity_page(index, entity, directory_urls)
    pages[TIMELINE_PAGE] = render_timeline_page(edition, directory_urls)
    pages[DATA_PAGE] = _data_page(edition, info)
    return pages


def head_meta_for(edition: Edition, info: EditionInfo, directory_urls: bool, src_uri: str) -> str | None:
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
    return head_meta(cite(edition, info, ref, directory_urls))

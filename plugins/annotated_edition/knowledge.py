"""The edition as a small knowledge base: entities, timeline, citations and exports, wired
into the page renderers through ``RenderContext``'s hooks rather than by editing them.

:func:`install` adds the mention links (a decorator) and the clause pages' "On the timeline"
and "Cite this clause" sections; :func:`knowledge_pages` gives the generated pages (glossary,
entity pages, timeline, data); :func:`head_meta_for` gives a page's citation ``<meta>`` tags;
:func:`export_files` gives the files of ``data/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .citations import bibtex, cite, csl_json, head_meta, plain_html
from .edition_info import EditionInfo
from .exports import EXPORT_FILES, EXPORT_FOLDER, annotations_jsonld, dumps, edition_json
from .fragments import esc
from .glossary import GLOSSARY_PAGE, MentionIndex, entity_page_path, mention_decorator, render_entity_page, \
    render_glossary_page
from .model import Clause, Ref
from .render import RenderContext
from .rendered_text import RenderedText
from .schema_check import SCHEMA_DIR
from .timeline_page import TIMELINE_PAGE, events_section, render_timeline_page
from .urls import Linker, page_source_path

__all__ = ["Knowledge", "install", "knowledge_pages", "head_meta_for", "export_files", "DATA_PAGE",
           "NAV_PAGES", "export_paths", "document_page_urls"]

DATA_PAGE = "data.md"
# Pages a reader reaches from the navigation; entity pages are reached from the texts and the glossary.
NAV_PAGES = (GLOSSARY_PAGE, TIMELINE_PAGE, DATA_PAGE)


@dataclass
class Knowledge:
    context: RenderContext
    info: EditionInfo
    index: MentionIndex


def _cite_section(knowledge: Knowledge):  # type: ignore[no-untyped-def]
    def section(clause: Clause, linker: Linker) -> str:
        citation = cite(knowledge.context.edition, knowledge.info, clause.ref, knowledge.context.directory_urls)
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


def install(context: RenderContext, info: EditionInfo) -> Knowledge:
    """Add this feature's hooks to ``context``; call before the pages are rendered."""
    knowledge = Knowledge(context, info, MentionIndex(context.edition))
    context.decorators.append(mention_decorator(knowledge.index))
    context.clause_sections.append(events_section(context.edition))
    context.clause_sections.append(_cite_section(knowledge))
    return knowledge


def export_paths() -> list[str]:
    """Every file published under ``data/``: each export and the schema it follows."""
    return [f"{EXPORT_FOLDER}/{name}" for name in EXPORT_FILES] + \
        [f"{EXPORT_FOLDER}/{_published_schema(name)}" for name in EXPORT_FILES]


def _published_schema(export_name: str) -> str:
    return export_name.split(".")[0] + ".schema.json"


def _data_page(knowledge: Knowledge) -> str:
    info = knowledge.info
    edition = knowledge.context.edition
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


def knowledge_pages(knowledge: Knowledge) -> dict[str, str]:
    """Source path → Markdown of every page this feature generates."""
    edition = knowledge.context.edition
    directory_urls = knowledge.context.directory_urls
    pages = {GLOSSARY_PAGE: render_glossary_page(knowledge.index, directory_urls)}
    for entity in edition.entities:
        pages[entity_page_path(entity.id)] = render_entity_page(knowledge.index, entity, directory_urls)
    pages[TIMELINE_PAGE] = render_timeline_page(edition, directory_urls)
    pages[DATA_PAGE] = _data_page(knowledge)
    return pages


def head_meta_for(knowledge: Knowledge, src_uri: str) -> str | None:
    """Citation ``<meta>`` tags for a clause or document page; None for any other page."""
    edition = knowledge.context.edition
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
    return head_meta(cite(edition, knowledge.info, ref, knowledge.context.directory_urls))


def export_files(knowledge: Knowledge, root: Path, rendered: dict[str, RenderedText]) -> dict[str, str]:
    """Path under the site → content of every file of ``data/``."""
    edition = knowledge.context.edition
    directory_urls = knowledge.context.directory_urls
    files = {
        f"{EXPORT_FOLDER}/edition.json": dumps(edition_json(edition, knowledge.info, root,
                                                            knowledge.context.note_html, directory_urls)),
        f"{EXPORT_FOLDER}/annotations.jsonld": dumps(annotations_jsonld(edition, knowledge.info, rendered,
                                                                        knowledge.context.note_html, directory_urls)),
    }
    for name, schema in EXPORT_FILES.items():
        files[f"{EXPORT_FOLDER}/{_published_schema(name)}"] = (SCHEMA_DIR / f"{schema}.schema.json").read_text(
            encoding="utf-8")
    return files


def document_page_urls(knowledge: Knowledge) -> dict[str, str]:
    """Document ID → its page's source path, to find the rendered pages to anchor against."""
    return {document_id: page_source_path(Ref(document_id)) for document_id in knowledge.context.edition.documents}


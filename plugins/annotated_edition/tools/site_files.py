"""The files a build of the project would publish, listed without MkDocs, for ``make check``.

The check follows a note's relative links (see :mod:`..notes.body_links`), which needs to know
the site's files. The MkDocs build takes them from its own file list; this lists the same ones
from the sources: every file under ``docs/`` (pages under their published address), the
generated pages (documents, clauses, glossary, entities, timeline, data, implementation,
print, contributing guide) and the published data and schema files. The theme's own files are not listed: notes
have no reason to link to them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Edition, Ref
from ..notes.body_links import site_file_of
from ..render.glossary import GLOSSARY_PAGE, entity_page_path
from ..exports.files import export_paths
from ..render.commitments_page import IMPLEMENTATION_PAGE
from ..render.knowledge import DATA_PAGE
from ..render.print_edition import PRINT_PAGE
from ..render.timeline_page import TIMELINE_PAGE
from ..settings import EditionConfig
from ..sources.folder_tree import folder_tree, within
from ..sources.schema_check import SCHEMA_DIR
from ..urls import page_source_path, page_url
from .project_config import read_mkdocs_yml, plugin_options

__all__ = ["site_files", "uses_directory_urls"]


def uses_directory_urls(root: Path, mkdocs: dict[str, Any] | None = None) -> bool:
    """``use_directory_urls`` of the project's ``mkdocs.yml`` (``mkdocs``: that file, already read)."""
    return bool((read_mkdocs_yml(root) if mkdocs is None else mkdocs).get("use_directory_urls", True))


def site_files(config: EditionConfig, edition: Edition, mkdocs: dict[str, Any] | None = None) -> set[str]:
    """The site's files (``mkdocs``: the project's ``mkdocs.yml``, already read)."""
    if mkdocs is None:
        mkdocs = read_mkdocs_yml(config.root)
    options = plugin_options(mkdocs)
    directory_urls = uses_directory_urls(config.root, mkdocs)
    sources: set[str] = {GLOSSARY_PAGE, TIMELINE_PAGE, DATA_PAGE}
    sources |= {entity_page_path(entity.id) for entity in edition.entities}
    for document in edition.documents.values():
        sources.add(page_source_path(Ref(document.id)))
        sources |= {page_source_path(clause.ref) for clause in document.clauses}
    if edition.commitments:
        sources.add(IMPLEMENTATION_PAGE)
    if options.get("print_edition", True):
        sources.add(PRINT_PAGE)
    if options.get("documents_page"):
        sources.add(str(options["documents_page"]))
    if options.get("contributing_file"):
        sources.add("contributing.md")
    files = {path for path in export_paths()} | {f"schemas/{p.name}" for p in SCHEMA_DIR.glob("*.schema.json")}
    docs, notes = config.docs_path, str(config.commentary_path.resolve())
    if docs.is_dir():
        # One scandir pass (sources/folder_tree.py): rglob("*")'s entries, each one's real path
        # without a system call unless it is a link.
        for entry in folder_tree(docs):
            if entry.is_file and not within(entry.real(), notes):
                relative = entry.path.relative_to(docs).as_posix()
                (sources if relative.endswith(".md") else files).add(relative)
    return files | {site_file_of(page_url(source, directory_urls)) for source in sources}

"""The MkDocs side of the knowledge-base features (entities, timeline, citations, exports).

``plugin.py`` calls one method per event, so the plugin itself stays a thin list of hooks:

- ``on_config``: work out the edition's title, editors, version and date; add the template
  folder whose ``main.html`` puts citation ``<meta>`` tags in ``<head>`` (the stylesheet,
  ``assets/knowledge.css``, is shipped by plugin.py inside the site's one stylesheet).
- ``on_files`` (before the pages render): add the mention links and the clause sections to
  the render context; add the glossary, entity, timeline and data pages, and placeholders for
  the files of ``data/`` so MkDocs knows them and checks the data page's links to them.
- ``on_page_context``: hand a clause or document page its ``<meta>`` tags.
- ``on_env`` (every page's HTML exists, static files not yet written): read each document
  page's rendered text, write the exports into the placeholders and check them against their
  schemas.
- ``on_post_page``: make sure the tags reached ``<head>`` (an override of ``main.html`` in
  the site's ``custom_dir`` would silently drop them otherwise).
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import __version__
from .config import EditionPluginConfig
from ..exports.edition_info import EditionInfo, edition_date
from ..exports.data import EXPORT_FILES, EXPORT_FOLDER
from ..render.glossary import GLOSSARY_PAGE
from ..render.knowledge import NAV_PAGES, Knowledge, document_page_urls, export_files, export_paths, head_meta_for, \
    install, knowledge_pages
from ..model import Edition
from ..render.pages import RenderContext
from ..exports.rendered_text import extract_rendered_text
from ..sources.schema_check import fast_check, load_schema
from ..render.timeline_page import TIMELINE_PAGE

__all__ = ["KnowledgeAdapter"]

log = get_plugin_logger(__name__)

_THEME_OVERRIDES = Path(__file__).parent / "theme"
_HEAD_KEY = "annotated_edition_head"


def _package_version() -> str:
    try:
        return metadata.version("annotated-edition")
    except metadata.PackageNotFoundError:
        return __version__


def _nav_mentions(nav: object, src_uri: str) -> bool:
    """Whether an explicit ``nav`` lists ``src_uri`` anywhere."""
    if isinstance(nav, str):
        return nav == src_uri
    if isinstance(nav, dict):
        return any(_nav_mentions(value, src_uri) for value in nav.values())
    if isinstance(nav, list):
        return any(_nav_mentions(item, src_uri) for item in nav)
    return False


class KnowledgeAdapter:
    def __init__(self) -> None:
        self.info: EditionInfo | None = None
        self.knowledge: Knowledge | None = None
        self.data_files: dict[str, File] = {}
        self.root = Path.cwd()
        self.warned_head = False

    def on_config(self, config: MkDocsConfig, options: EditionPluginConfig, edition: Edition, root: Path) -> None:
        self.knowledge = None
        self.data_files = {}
        self.root = root
        self.warned_head = False
        editors = tuple(options.editors) or ((config.site_author,) if config.site_author else ())
        self.info = EditionInfo(
            title=options.edition_title or config.site_name,
            editors=editors,
            version=options.edition_version or _package_version(),
            date=edition_date(edition, os.environ.get("SOURCE_DATE_EPOCH")),
            language=str(config.theme.get("language") or "en"),
            base_url=config.site_url or "",
            licence=config.copyright or "",
            generator=f"annotated-edition {_package_version()}",
        )
        if str(_THEME_OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(_THEME_OVERRIDES))

    def on_files(self, files: Files, config: MkDocsConfig, context: RenderContext, sources_dir: Path,
                 options: EditionPluginConfig) -> None:
        assert self.info is not None
        self.knowledge = install(context, self.info)
        docs_dir = Path(config.docs_dir).resolve()
        edited_from = {GLOSSARY_PAGE: options.entities_file, TIMELINE_PAGE: options.timeline_file}
        for src_uri, markdown in knowledge_pages(self.knowledge).items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"annotated-edition: {src_uri} is generated; remove docs/{src_uri}.")
            listed = src_uri in NAV_PAGES and (config.nav is None or _nav_mentions(config.nav, src_uri))
            file = File.generated(config, src_uri, content=markdown,
                                  inclusion=InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV)
            data_file = edited_from.get(src_uri, options.entities_file if src_uri.startswith("entities/") else None)
            file.edit_uri = (os.path.relpath(sources_dir / data_file, docs_dir).replace(os.sep, "/")
                             if data_file else None)
            files.append(file)
        for path in export_paths():
            self.data_files[path] = File.generated(config, path, content="")
            files.append(self.data_files[path])

    def on_page_context(self, page: Page) -> None:
        if self.knowledge is None:
            return
        meta = head_meta_for(self.knowledge, page.file.src_uri)
        if meta:
            page.meta[_HEAD_KEY] = meta

    def on_env(self, files: Files) -> None:
        if self.knowledge is None:
            return
        rendered = {}
        for document_id, src_uri in document_page_urls(self.knowledge).items():
            file = files.get_file_from_path(src_uri)
            if file is None or file.page is None or file.page.content is None:
                raise PluginError(f"annotated-edition: the page of document '{document_id}' was not rendered.")
            rendered[document_id] = extract_rendered_text(file.page.content)
        try:
            contents = export_files(self.knowledge, self.root, rendered)
        except ValueError as error:
            raise PluginError(f"annotated-edition: cannot export the notes: {error}") from None
        for name, schema in EXPORT_FILES.items():
            path = f"{EXPORT_FOLDER}/{name}"
            data = json.loads(contents[path])
            fast = fast_check(schema)
            if fast is not None and fast(data):
                continue  # valid; jsonschema (seconds on a large edition) only explains failures
            from jsonschema import Draft202012Validator  # imported only to explain a failure
            errors = list(Draft202012Validator(load_schema(schema)).iter_errors(data))
            if errors:
                first = errors[0]
                where = "/".join(str(p) for p in first.absolute_path)
                raise PluginError(f"annotated-edition: {path} does not follow {schema}.schema.json at '{where}': "
                                  f"{first.message}")
        for path, content in contents.items():
            self.data_files[path].content_string = content

    def on_post_page(self, output: str, page: Page) -> None:
        if self.warned_head or not page.meta.get(_HEAD_KEY):
            return
        if 'name="citation_title"' not in output.partition("</head>")[0]:
            self.warned_head = True
            log.warning(f"citation <meta> tags are missing from the <head> of {page.file.src_uri}: the theme's "
                        "custom_dir overrides main.html; add to it: {% block extrahead %}{{ super() }}"
                        "{{ page.meta.annotated_edition_head or '' }}{% endblock %}")

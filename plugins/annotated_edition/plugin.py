"""The MkDocs adapter: a thin layer that feeds the engine's output into a MkDocs build.

Phases (MkDocs 1.6 event order):
- ``on_config``: reset per-build state, load and check the edition (fails the build on any
  problem), register the stylesheet and the Markdown extensions the pages need.
- ``on_files``: drop note files from the page list (they are data), add the generated pages;
  clause pages stay out of the navigation so page size does not grow with the corpus.
- ``on_page_markdown``: fill placeholders in hand-written pages (the home page's newest notes).
- ``on_post_page``: repair the theme's markup where it fails accessibility checks.

Offline: when Material's ``offline`` plugin is on, ``on_config`` points the polyfills at a copy
of the web-worker shim that ``on_files`` ships inside the site, so nothing is fetched.

Under ``mkdocs serve`` a broken note does not stop the server: the same diagnostics are
logged, the preview leaves the broken files out and shows the problems on every page.

Each hook's work is charged to a phase of ``self.clock`` (load, anchor, link, render, export;
see timing.py). Measuring is always on and costs microseconds; ``on_post_build`` writes the
numbers to the file named by ``ANNOTATED_EDITION_TIMINGS`` when it is set (scripts/bench.py).
"""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import EditionPluginConfig
from .contribute import add_note_section
from .citation_check import citation_warnings
from .diagnostics import Diagnostics
from .edit_links import edit_url, normalize_url
from .edition import EditionConfig, check_edition, link_graph
from .guide import GuideLinkError, rewrite_links
from .preview import PREVIEW_NOTICE, problems_banner
from .schema_check import SCHEMA_DIR
from .model import Edition
from .render import RenderContext, generated_pages
from .home import NEWEST_NOTES_MARKER, render_newest_notes
from .knowledge_adapter import KnowledgeAdapter
from .note_safety import sanitizer_warnings
from .offline import OfflineAssetError, ShippedFile, use_local_worker_shim, worker_shim_files
from .print_edition import PRINT_PAGE, render_print_page
from .theme_fixes import drop_dangling_toc_label, name_search_dialog
from .catalogue import render_documents_page
from .timing import PhaseClock

__all__ = ["AnnotatedEditionPlugin"]

log = get_plugin_logger(__name__)

_ASSETS = Path(__file__).parent / "assets"
_STYLESHEET = "assets/annotated-edition/edition.css"
_GUIDE_PAGE = "contributing.md"
_PRINT_STYLESHEET = "assets/annotated-edition/print.css"
TIMINGS_ENV = "ANNOTATED_EDITION_TIMINGS"


def _nav_paths(nav: object) -> set[str]:
    """Every page path named in a ``nav`` configuration, at any depth."""
    if isinstance(nav, str):
        return {nav.lstrip("/")}
    if isinstance(nav, dict):
        return set().union(*(_nav_paths(value) for value in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(_nav_paths(item) for item in nav)) if nav else set()
    return set()


class AnnotatedEditionPlugin(BasePlugin[EditionPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.edition: Edition | None = None
        self.root = Path.cwd()
        self.clock = PhaseClock()
        self.generated_count = 0
        self.command = "build"
        self.problems = Diagnostics()
        self._last_previewable: Edition | None = None
        self.knowledge = KnowledgeAdapter()
        self.shipped: list[ShippedFile] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this instance across ``mkdocs serve`` rebuilds; remembers
        whether this is a live preview, which may show an edition with problems."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.edition = None
        self.clock = PhaseClock()
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        for extension in ("attr_list", "toc"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if _STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, _STYLESHEET)
        if _PRINT_STYLESHEET not in config.extra_css:
            config.extra_css.insert(1, _PRINT_STYLESHEET)
        self._ship_worker_shim(config)
        docs_dir = Path(config.docs_dir)
        edition_config = EditionConfig(
            root=self.root,
            documents=tuple(self.config.documents),
            sources_dir=self.config.sources_dir,
            commentary_dir=str((docs_dir / self.config.commentary_dir).relative_to(self.root))
            if (docs_dir / self.config.commentary_dir).resolve().is_relative_to(self.root)
            else str(docs_dir / self.config.commentary_dir),
            crossrefs_file=self.config.crossrefs_file,
            entities_file=self.config.entities_file,
            timeline_file=self.config.timeline_file,
        )
        with self.clock.phase("load"):
            edition, self.problems = check_edition(edition_config, partial=True)
        if self.problems:
            for line in self.problems.format(self.root).splitlines():
                log.error(line)
            count = len(self.problems)
            summary = f"{count} {'problem' if count == 1 else 'problems'} in the edition's sources (listed above)"
            if self.command != "serve":
                raise PluginError(f"annotated-edition: {summary}")
            # A preview keeps serving: without the broken notes, or, when a text or structure
            # file is broken, with the last edition that loaded.
            if edition is None or set(edition.documents) != set(edition_config.documents):
                edition = self._last_previewable
            if edition is None:
                raise PluginError(f"annotated-edition: {summary}")
            log.error(f"{summary}; {PREVIEW_NOTICE}.")
        self._last_previewable = edition
        self.edition = edition
        with self.clock.phase("load"):
            self.knowledge.on_config(config, self.config, self.edition, self.root)
        return config

    def _ship_worker_shim(self, config: MkDocsConfig) -> None:
        """With Material's offline plugin on, serve its web-worker shim from inside the site."""
        self.shipped = []
        offline_on = any(name.split("/")[-1] == "offline" and getattr(plugin.config, "enabled", True)
                         for name, plugin in config.plugins.items())
        if not offline_on:
            return
        try:
            self.shipped = worker_shim_files(self.root / self.config.iframe_worker)
        except OfflineAssetError as error:
            raise PluginError(f"annotated-edition: {error}") from None
        config.extra["polyfills"] = use_local_worker_shim(list(config.extra.get("polyfills", [])))

    def _edit_url(self, config: MkDocsConfig):  # type: ignore[no-untyped-def]
        """Editor links for notes, computed as MkDocs computes each page's ``edit_url``."""
        docs_dir = Path(config.docs_dir).resolve()

        def note_edit_url(path: str) -> str | None:
            return edit_url(config.repo_url, config.edit_uri, config.edit_uri_template,
                            self._relative_to_docs(path, docs_dir))
        return note_edit_url

    @staticmethod
    def _relative_to_docs(path: str, docs_dir: Path) -> str:
        return posixpath.relpath(Path(path).resolve().as_posix(), docs_dir.as_posix())

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.edition is not None
        with self.clock.phase("link"):
            graph = link_graph(self.edition)
        with self.clock.phase("render"):
            return self._add_generated_pages(files, config, graph)

    def _inclusion(self, src_uri: str, config: MkDocsConfig, in_nav: set[str]) -> InclusionLevel:
        """Clause pages never go in the nav. A document page, the documents page or the print
        page goes in it when the nav names it, or when there is no explicit nav; otherwise it
        stays out quietly (no "not included in the nav" notice, which
        ``validation.omitted_files: warn`` turns into a failure). A site with hundreds of
        documents names the documents page only: Material renders the nav into every page."""
        is_listing = src_uri.endswith("/index.md") or src_uri in (self.config.documents_page, PRINT_PAGE)
        if is_listing and (config.nav is None or src_uri in in_nav):
            return InclusionLevel.UNDEFINED
        return InclusionLevel.NOT_IN_NAV

    def _add_generated_pages(self, files: Files, config: MkDocsConfig, graph) -> Files:  # type: ignore[no-untyped-def]
        assert self.edition is not None
        commentary_prefix = self.config.commentary_dir.strip("/") + "/"
        for file in list(files):
            if file.src_uri.startswith(commentary_prefix):
                files.remove(file)
        context = RenderContext(self.edition, graph,
                                directory_urls=config.use_directory_urls, edit_url=self._edit_url(config))
        docs_dir = Path(config.docs_dir).resolve()
        self.knowledge.on_files(files, config, context, self.root / self.config.sources_dir, self.config)
        if self.config.contributing_file:
            context.clause_sections.append(add_note_section(_GUIDE_PAGE))
        in_nav = _nav_paths(config.nav)
        pages = generated_pages(context)
        if self.config.documents_page:
            pages[self.config.documents_page] = render_documents_page(context, self.config.documents_page)
        sidecar_uris: dict[str, str] = {}  # one per document, not one per page (relpath is slow)
        for src_uri, markdown in pages.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(f"annotated-edition: {src_uri} is generated; remove docs/{src_uri}.")
            file = File.generated(config, src_uri, content=markdown,
                                  inclusion=self._inclusion(src_uri, config, in_nav))
            document = self.edition.documents.get(src_uri.split("/")[0])
            if document is not None and document.id not in sidecar_uris:
                sidecar_uris[document.id] = self._relative_to_docs(str(document.sidecar), docs_dir)
            file.edit_uri = sidecar_uris[document.id] if document is not None else None
            files.append(file)
        self.generated_count = len(pages)
        files.append(File.generated(config, _STYLESHEET, content=(_ASSETS / "edition.css").read_bytes()))
        files.append(File.generated(config, _PRINT_STYLESHEET, content=(_ASSETS / "print.css").read_bytes()))
        for shipped in self.shipped:
            files.append(File.generated(config, shipped.site_path, content=shipped.source.read_bytes()))
        if self.config.print_edition:
            if files.get_file_from_path(PRINT_PAGE) is not None:
                raise PluginError(f"annotated-edition: {PRINT_PAGE} is generated; remove docs/{PRINT_PAGE} "
                                  "or set the plugin's print_edition option to false.")
            print_file = File.generated(config, PRINT_PAGE,
                                        content=render_print_page(context, config.site_name, config.site_url or ""),
                                        inclusion=self._inclusion(PRINT_PAGE, config, in_nav))
            print_file.edit_uri = None  # made from every file at once: no single source to edit
            files.append(print_file)
            self.generated_count += 1
        self._add_contributing_guide(files, config, docs_dir)
        for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
            files.append(File.generated(config, f"schemas/{schema.name}", content=schema.read_bytes()))
        self.context = context
        self._warn_about_sanitized_notes(context)
        return files

    def _warn_about_sanitized_notes(self, context: RenderContext) -> None:
        """Anything the sanitizer removed from a note is a warning, so ``--strict`` refuses it."""
        for warning in sanitizer_warnings(context).items + citation_warnings(context.edition.notes).items:
            log.warning(warning.format(self.root))

    def _add_contributing_guide(self, files: Files, config: MkDocsConfig, docs_dir: Path) -> None:
        """Publish the repository's contributing guide as ``contributing.md`` (one source)."""
        if not self.config.contributing_file:
            return
        source = self.root / self.config.contributing_file
        if not source.is_file():
            raise PluginError(f"annotated-edition: contributing_file '{self.config.contributing_file}' not found "
                              f"next to mkdocs.yml; create it or remove the option.")
        docs_prefix = posixpath.relpath(docs_dir.as_posix(), self.root.resolve().as_posix()) + "/"
        schemas = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}

        def resolve(path: str) -> str | None:
            # Pages under docs/ keep their path below it; the plugin's schema files (wherever
            # the repository keeps them) are served from the site's schemas/ folder.
            if path.startswith(docs_prefix):
                return path[len(docs_prefix):]
            folder, _, name = path.rpartition("/")
            return f"schemas/{name}" if name in schemas and folder.endswith("schemas") else None

        try:
            markdown = rewrite_links(source.read_text(encoding="utf-8"), resolve)
        except GuideLinkError as error:
            raise PluginError(f"annotated-edition: {self.config.contributing_file}:{error.line}: {error}") from None
        if files.get_file_from_path(_GUIDE_PAGE) is not None:
            raise PluginError(f"annotated-edition: {_GUIDE_PAGE} is generated from "
                              f"{self.config.contributing_file}; remove docs/{_GUIDE_PAGE}.")
        file = File.generated(config, _GUIDE_PAGE, content=markdown)
        file.edit_uri = self._relative_to_docs(str(source), docs_dir)
        files.append(file)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Edit links of pages whose source lies outside ``docs_dir`` contain ``docs/../``."""
        if page.edit_url:
            with self.clock.phase("render"):
                page.edit_url = normalize_url(page.edit_url)
        return page

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        with self.clock.phase("render"):
            self.knowledge.on_page_context(page)
        return context

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """Every page's HTML exists now: write the exports (see knowledge_adapter)."""
        with self.clock.phase("export"):
            self.knowledge.on_env(files)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if NEWEST_NOTES_MARKER in markdown and self.edition is not None:
            with self.clock.phase("render"):
                markdown = markdown.replace(NEWEST_NOTES_MARKER,
                                            render_newest_notes(self.context, page.file.src_uri))
        if self.problems:
            markdown = problems_banner(self.problems, self.root) + markdown
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        with self.clock.phase("render"):
            self.knowledge.on_post_page(output, page)
            return drop_dangling_toc_label(name_search_dialog(output))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Last of all: write the timings file, if one is asked for."""
        target = os.environ.get(TIMINGS_ENV)
        if target and self.edition is not None:
            report = {**self.clock.as_dict(), "generated_pages": self.generated_count,
                      "notes": len(self.edition.notes)}
            Path(target).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

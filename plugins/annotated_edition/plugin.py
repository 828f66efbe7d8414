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
"""

from __future__ import annotations

import posixpath
import time
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import EditionPluginConfig
from .diagnostics import EditionError
from .edition import EditionConfig, link_graph, load_edition
from .model import Edition
from .render import RenderContext, generated_pages
from .home import NEWEST_NOTES_MARKER, render_newest_notes
from .note_safety import sanitizer_warnings
from .offline import OfflineAssetError, ShippedFile, use_local_worker_shim, worker_shim_files
from .print_edition import PRINT_PAGE, render_print_page
from .theme_fixes import drop_dangling_toc_label, name_search_dialog

__all__ = ["AnnotatedEditionPlugin"]

log = get_plugin_logger(__name__)

_ASSETS = Path(__file__).parent / "assets"
_STYLESHEET = "assets/annotated-edition/edition.css"
_PRINT_STYLESHEET = "assets/annotated-edition/print.css"


class AnnotatedEditionPlugin(BasePlugin[EditionPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.edition: Edition | None = None
        self.root = Path.cwd()
        self.timings: dict[str, float] = {}
        self.shipped: list[ShippedFile] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this instance across ``mkdocs serve`` rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.edition = None
        self.timings = {}
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
        )
        started = time.perf_counter()
        try:
            self.edition = load_edition(edition_config)
        except EditionError as error:
            for line in error.diagnostics.format(self.root).splitlines():
                log.error(line)
            raise PluginError(f"annotated-edition: {error.args[0].splitlines()[0]} (listed above)") from None
        self.timings["load"] = time.perf_counter() - started
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
        base = urljoin(config.repo_url or "", config.edit_uri or "") if config.repo_url and config.edit_uri else None
        docs_dir = Path(config.docs_dir).resolve()

        def edit_url(path: str) -> str | None:
            return urljoin(base, self._relative_to_docs(path, docs_dir)) if base else None
        return edit_url

    @staticmethod
    def _relative_to_docs(path: str, docs_dir: Path) -> str:
        return posixpath.relpath(Path(path).resolve().as_posix(), docs_dir.as_posix())

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.edition is not None
        started = time.perf_counter()
        commentary_prefix = self.config.commentary_dir.strip("/") + "/"
        for file in list(files):
            if file.src_uri.startswith(commentary_prefix):
                files.remove(file)
        context = RenderContext(self.edition, link_graph(self.edition),
                                directory_urls=config.use_directory_urls, edit_url=self._edit_url(config))
        docs_dir = Path(config.docs_dir).resolve()
        for src_uri, markdown in generated_pages(context).items():
            is_index = src_uri.endswith("/index.md")
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(f"annotated-edition: {src_uri} is generated; remove docs/{src_uri}.")
            file = File.generated(config, src_uri, content=markdown,
                                  inclusion=InclusionLevel.UNDEFINED if is_index else InclusionLevel.NOT_IN_NAV)
            document = self.edition.documents[src_uri.split("/")[0]]
            file.edit_uri = self._relative_to_docs(str(document.sidecar), docs_dir)
            files.append(file)
        files.append(File.generated(config, _STYLESHEET, content=(_ASSETS / "edition.css").read_bytes()))
        files.append(File.generated(config, _PRINT_STYLESHEET, content=(_ASSETS / "print.css").read_bytes()))
        for shipped in self.shipped:
            files.append(File.generated(config, shipped.site_path, content=shipped.source.read_bytes()))
        if self.config.print_edition:
            if files.get_file_from_path(PRINT_PAGE) is not None:
                raise PluginError(f"annotated-edition: {PRINT_PAGE} is generated; remove docs/{PRINT_PAGE} "
                                  "or set the plugin's print_edition option to false.")
            files.append(File.generated(config, PRINT_PAGE,
                                        content=render_print_page(context, config.site_name, config.site_url or "")))
        self.timings["render"] = time.perf_counter() - started
        self.context = context
        self._warn_about_sanitized_notes(context)
        return files

    def _warn_about_sanitized_notes(self, context: RenderContext) -> None:
        """Anything the sanitizer removed from a note is a warning, so ``--strict`` refuses it."""
        for warning in sanitizer_warnings(context).items:
            log.warning(warning.format(self.root))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if NEWEST_NOTES_MARKER in markdown and self.edition is not None:
            markdown = markdown.replace(NEWEST_NOTES_MARKER,
                                        render_newest_notes(self.context, page.file.src_uri))
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return drop_dangling_toc_label(name_search_dialog(output))

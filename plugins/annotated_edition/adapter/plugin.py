"""The MkDocs adapter: the plugin's hooks, and nothing else. The engine does the work; each hook
hands it what MkDocs knows at that phase and publishes what it returns.

Phases (MkDocs 1.6 event order), one hook each:
- ``on_startup``: keep this instance across ``mkdocs serve`` rebuilds.
- ``on_config``: load and check the edition (fails the build on any problem), describe the
  edition for citations, register stylesheets, theme overrides and Markdown extensions.
- ``on_files``: drop note files (they are data) and publish every generated file, the exports
  included (computed from the model, checked against their schemas, kept on disk until copied).
- ``on_pre_page``, ``on_page_markdown``: per-page touches (edit links, home page placeholder,
  the preview's problems banner); a generated page's raw HTML handed to Python-Markdown
  already stored (``raw_html_stash.py``), its anchors given back to MkDocs in ``on_page_content``.
- ``on_page_context``: a clause or document page's citation ``<meta>`` tags.
- ``on_post_page``: repair the theme's markup where it fails accessibility checks.
- ``on_post_build``: write the phase timings when asked (scripts/bench.py), and the portable
  tree when asked (tools/portable.py); remove the exports' temporary folder (also on
  ``on_build_error``).

Under ``mkdocs serve`` a broken note does not stop the server: the same diagnostics are
logged, the preview leaves the broken files out and shows the problems on every page.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs import __version__ as mkdocs_version
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..diagnostics import Diagnostics
from ..exports.data import dumps
from ..exports.edition_info import EditionInfo
from ..exports.files import export_data, schema_files
from ..model import Edition
from ..notes.cache import NoteCache
from ..notes.convert import NoteBodies, default_workers
from ..render.context import converted_item
from ..render.early_conversion import EarlyConversion
from ..render.home import NEWEST_NOTES_MARKER, render_newest_notes
from ..render.document_toc import document_toc
from ..render.knowledge import head_meta_for
from ..render.note_warnings import sanitizer_warnings
from ..render.preview import PREVIEW_NOTICE, problems_banner
from ..render.assets import page_scripts, page_stylesheets
from ..render.site import GeneratedFile, Site, SiteOptions, build_site
from ..render.template_cache import use_bytecode_cache
from ..render.templates import TemplateProblem, Templates
from ..settings import settings_from_options
from ..sources.citation_check import citation_warnings
from ..sources.edition import check_edition
from ..sources.folder_tree import folder_tree, shared_listings
from ..notes.body_links import note_link_problems
from ..render.propose import PROPOSE_SCRIPTS, ProposeSettings
from ..render.print_edition import PRINT_PAGE
from ..render.tags import TAGS_PAGE
from ..timing import PhaseClock, measure_detail
from .config import EditionPluginConfig
from .export_check import check_export
from .guide import contributing_guide
from .publish import nav_paths, publish, relative_to_docs
from .raw_html_stash import RawHtmlStash
from .template_layout import TemplateLayout
from .setup import edition_info, propose_settings, register_assets, templates_dir
from .edit_links import edit_url, normalize_url
from .clause_toc import with_clauses
from ..tools.portable import PORTABLE_ENV
from ..tools.portable_config import with_front_matter
from .portable import PortableError, write_portable_tree
from .offline import OfflineAssetError, ShippedFile, use_local_worker_shim, worker_shim_files
from .theme_fixes import drop_checkbox_autocomplete, drop_dangling_toc_label, name_search_dialog, \
    relative_not_found_page

__all__ = ["AnnotatedEditionPlugin"]

log = get_plugin_logger(__name__)

_GUIDE_PAGE = "contributing.md"
# A cold build converts note bodies while the edition loads once it has this many notes: fewer
# convert in a few milliseconds, less than starting a worker costs (render/early_conversion.py).
_EARLY_CONVERSION_MINIMUM = 32
_THEME_OVERRIDES = Path(__file__).parent / "theme"
_HEAD_KEY = "annotated_edition_head"
_PAGE_SCRIPTS_KEY = "annotated_edition_page_scripts"
_PAGE_STYLESHEETS_KEY = "annotated_edition_page_stylesheets"
_PROPOSE_KEY = "annotated_edition_propose_scripts"
_MARKDOWN_EXTENSIONS = ("attr_list", "toc")  # the generated pages' anchors and headings need them
TIMINGS_ENV = "ANNOTATED_EDITION_TIMINGS"


@contextmanager
def _template_errors() -> Iterator[None]:
    """A broken template (a site's override, usually) stops the build with its file and line."""
    try:
        yield
    except TemplateProblem as error:
        raise PluginError(f"annotated-edition: template {error}") from None


class AnnotatedEditionPlugin(BasePlugin[EditionPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.edition: Edition | None = None
        self.site: Site | None = None
        self.info: EditionInfo | None = None
        self.root = Path.cwd()
        self.clock = PhaseClock()
        self.generated_count = 0
        self.command = "build"
        self.problems = Diagnostics()
        self._last_previewable: Edition | None = None
        self.propose: ProposeSettings | None = None
        self.shipped: list[ShippedFile] = []
        self.export_dir: Path | None = None
        self.generated_pages: set[str] = set()
        self.gc_frozen = False
        self.warned_head = False
        self.files: Files | None = None
        self.templates_dir: Path | None = None
        self.raw_html_stash = RawHtmlStash()
        self.early: EarlyConversion | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this instance across ``mkdocs serve`` rebuilds; remembers
        whether this is a live preview, which may show an edition with problems."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Reset per-build state, load and check the edition, and register what pages need."""
        self.edition, self.site, self.warned_head, self.generated_pages = None, None, False, set()
        self.files = None
        # The portable tree (written at on_post_build) needs every generated page's Markdown.
        self.portable_target = os.environ.get(PORTABLE_ENV) or None
        self.clock = PhaseClock()
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        for extension in _MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # Generated pages' raw HTML reaches Python-Markdown already stored (adapter/raw_html_stash.py).
        if self.raw_html_stash not in config.markdown_extensions:
            config.markdown_extensions.append(self.raw_html_stash)
        register_assets(config)
        if str(_THEME_OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(_THEME_OVERRIDES))
        self._ship_worker_shim(config)
        self.templates_dir = templates_dir(self.root, self.config.templates_dir)
        if not self.config.documents:
            raise PluginError("annotated-edition: the option 'documents' is empty; list the IDs of the edition's "
                              "documents (their sidecars are <sources_dir>/<id>.yml).")
        self.propose = propose_settings(config, self.config, self.root)
        settings = settings_from_options(self.root, config.docs_dir, self.config)
        with shared_listings():  # the notes folder listed once, for both
            self.early = self._early_conversion(settings.commentary_path, settings.cache_path)
            try:
                with self.clock.phase("load"):
                    edition, self.problems = check_edition(settings, partial=True)
                self.edition = self._previewable(edition)
            except BaseException:
                self._stop_early_conversion()
                raise
        self.info = edition_info(config, self.config, self.edition)
        return config

    def _early_conversion(self, commentary: Path, cache_folder: Path | None) -> EarlyConversion | None:
        """On a cold cache, workers converting note bodies while the edition loads (a build's
        only: ``serve``'s threads make forking unsafe, and it converts only what changed)."""
        if self.command != "build" or not commentary.is_dir():
            return None
        early = EarlyConversion(folder_tree(commentary), cache_folder, default_workers(),
                                minimum=_EARLY_CONVERSION_MINIMUM)
        return early if early.start() else None

    def _stop_early_conversion(self) -> None:
        if self.early is not None:
            self.early.stop()
            self.early = None

    def _previewable(self, edition: Edition | None) -> Edition:
        """The edition to publish; with problems, a build stops and a preview keeps serving."""
        if self.problems:
            for line in self.problems.format(self.root).splitlines():
                log.error(line)
            count = len(self.problems)
            summary = f"{count} {'problem' if count == 1 else 'problems'} in the edition's sources (listed above)"
            if self.command != "serve":
                raise PluginError(f"annotated-edition: {summary}")
            # A preview keeps serving: without the broken notes, or, when a text or structure
            # file is broken, with the last edition that loaded.
            if edition is None or set(edition.documents) != set(self.config.documents):
                edition = self._last_previewable
            if edition is None:
                raise PluginError(f"annotated-edition: {summary}")
            log.error(f"{summary}; {PREVIEW_NOTICE}.")
        assert edition is not None
        self._last_previewable = edition
        return edition

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

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Note files are data, not pages: drop them. Then publish every generated file."""
        assert self.edition is not None and self.info is not None
        commentary_prefix = self.config.commentary_dir.strip("/") + "/"
        for file in list(files):
            if file.src_uri.startswith(commentary_prefix):
                files.remove(file)
        docs_dir = Path(config.docs_dir).resolve()
        options = SiteOptions(
            site_name=config.site_name, site_url=config.site_url or "", directory_urls=config.use_directory_urls,
            documents_page=self.config.documents_page, print_edition=self.config.print_edition,
            guide_page=_GUIDE_PAGE if self.config.contributing_file else None,
            sources_dir=self.root / self.config.sources_dir, entities_file=self.config.entities_file,
            timeline_file=self.config.timeline_file, commitments_file=self.config.commitments_file,
            nav_pages=frozenset(nav_paths(config.nav)), templates_dir=self.templates_dir, propose=self.propose,
            edit_url=lambda path: edit_url(config.repo_url, config.edit_uri, config.edit_uri_template,
                                           relative_to_docs(Path(path), docs_dir)),
            note_bodies=self._note_bodies())
        with self.clock.phase("render"):
            if self.early is not None:  # what the workers converted while the edition loaded
                with measure_detail("render.note_early"):
                    for _share, converted in self.early.shares():
                        options.note_bodies.adopt(converted)
                self.early = None
            options.note_bodies.prefetch(converted_item(note, self.edition, config.use_directory_urls)
                                         for note in self.edition.notes)
            with _template_errors():
                self.site = build_site(self.edition, self.info, options)
            generated = list(self.site.files)
            generated += [GeneratedFile(shipped.site_path, shipped.source.read_bytes()) for shipped in self.shipped]
            guide = contributing_guide(self.root, docs_dir, self.config.contributing_file, _GUIDE_PAGE)
            if guide is not None:
                generated.append(guide)
            publish(files, config, generated, docs_dir)
        with self.clock.phase("export"):
            self._write_exports(files, config)
        self.generated_count = self.site.edition_pages
        # Sanitizer removals, and sources a note lists but never cites ([@id]): warnings, so
        # ``--strict`` refuses them.
        context = self.site.context
        for warning in sanitizer_warnings(context).items + citation_warnings(context.edition.notes).items:
            # Anything the sanitizer removed from a note is a warning, so --strict refuses it.
            log.warning(warning.format(self.root))
        self._refuse_broken_note_links(files, config)
        self.files = files
        # Every generated page is a File now, and the exports are on disk: drop the second
        # reference to each page's Markdown and the converted notes (a later request reads the
        # note cache again), so that neither is held while MkDocs renders every page.
        self.generated_pages = {item.path for item in self.site.files if isinstance(item.content, str)}
        self.site = dataclasses.replace(self.site, files=())
        self.site.context.forget()
        if self.command == "build":
            # Everything made so far (the edition, the generated files, MkDocs' own structures)
            # lives until the build ends, yet every full garbage collection while pages render
            # would walk it again: about 4 % of a large build. Frozen objects are skipped, and
            # given back to the collector in on_post_build. Not under `serve`, whose rebuilds
            # would otherwise keep each build's objects for the life of the server.
            gc.freeze()
            self.gc_frozen = True
        return files

    def _note_bodies(self) -> NoteBodies:
        """Converted notes: from the persistent cache beside mkdocs.yml (unless ``cache_dir`` is
        empty), the rest converted on every core."""
        folder = self.config.cache_dir
        cache = NoteCache(self.root / folder) if folder else None
        return NoteBodies(cache, workers=default_workers())

    def _refuse_broken_note_links(self, files: Files, config: MkDocsConfig) -> None:
        """``edition:`` links that name nothing and relative links to no file of the site fail
        the build (a preview shows them and keeps serving), with the lines ``make check`` prints."""
        assert self.edition is not None and self.site is not None
        problems = note_link_problems(self.edition, self.site.context.note_html, {file.dest_uri for file in files},
                                      config.use_directory_urls)
        if not problems:
            return
        for line in problems.format(self.root).splitlines():
            log.error(line)
        count = len(problems)
        summary = f"{count} broken {'link' if count == 1 else 'links'} in notes (listed above)"
        if self.command != "serve":
            raise PluginError(f"annotated-edition: {summary}")
        log.error(f"{summary}; {PREVIEW_NOTICE}.")

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Per page, before rendering: edit links of pages whose source lies outside
        ``docs_dir`` contain ``docs/../``; tidy them."""
        if page.edit_url:
            with self.clock.phase("render"):
                page.edit_url = normalize_url(page.edit_url)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Per page: fill the home page's newest-notes placeholder; in a preview with problems,
        put the problems at the top of every page."""
        with _template_errors():
            return self._page_markdown(markdown, page)

    def _page_markdown(self, markdown: str, page: Page) -> str:
        if page.file.src_uri in (PRINT_PAGE, _GUIDE_PAGE, TAGS_PAGE):
            # Out of the readers' search: the print page repeats every page at once (and would
            # answer every query first), the tag index repeats note titles (and its headings
            # would outrank the notes), the guide is for contributors.
            page.meta.setdefault("search", {"exclude": True})
        if NEWEST_NOTES_MARKER in markdown:
            with self.clock.phase("render"):
                markdown = self._fill_placeholders(markdown, page.file.src_uri)
        if self.problems:
            templates = self.site.context.templates if self.site is not None else Templates(self.templates_dir)
            markdown = problems_banner(self.problems, self.root, templates) + markdown
        if page.file.src_uri in self.generated_pages:
            # The engine wrote this page's HTML: MkDocs need not parse it again (on_page_content).
            self.raw_html_stash.arm(markdown)
        if (page.file.src_uri in self.generated_pages and page.file.generated_by is not None
                and self.portable_target is None):
            # MkDocs has read the page (``page.markdown`` holds its own copy) and never reads it
            # again in this build: the generated source need not stay in memory until the end.
            page.file.content_string = ""
        return markdown

    def _fill_placeholders(self, markdown: str, src_uri: str) -> str:
        if NEWEST_NOTES_MARKER in markdown and self.site is not None:
            markdown = markdown.replace(NEWEST_NOTES_MARKER, render_newest_notes(self.site.context, src_uri))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Per page, after conversion: the anchors in the raw HTML blocks that were stored without
        MkDocs seeing them, for its validation of links to this page's anchors."""
        ids = self.raw_html_stash.disarm()
        if ids and getattr(page, "present_anchor_ids", None) is not None:
            page.present_anchor_ids |= ids
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Before any page is rendered: the theme's templates compile without their indentation
        (adapter/template_layout.py), and are compiled once and kept beside the note cache like
        the engine's own (render/template_cache.py): MkDocs compiles every template the theme
        uses on each build. Each is checked against its source; the folder is named by the
        environment's settings, its extensions and filters (and their code), MkDocs' version and
        the theme's folders, besides what the engine's own folder is named by. (Not the theme
        package's version: asking the installed packages for it cost 30 ms a build.)"""
        env.add_extension(TemplateLayout)
        folder = self.config.cache_dir
        use_bytecode_cache(env, self.root / folder if folder else None, f"mkdocs {mkdocs_version}",
                           f"theme {config.theme.name}", *map(str, config.theme.dirs))
        return env

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        """Per page, after rendering: a clause or document page's citation <meta> tags, which
        the theme override (theme/main.html) writes into <head>; a document page's clauses as
        its table of contents."""
        if self.site is not None and self.info is not None:
            with self.clock.phase("render"):
                with _template_errors():
                    meta = head_meta_for(self.site.context.edition, self.info, self.site.context.directory_urls,
                                         page.file.src_uri, self.site.context.templates)
                if meta:
                    page.meta[_HEAD_KEY] = meta
            clauses = document_toc(self.site.context.edition, page.file.src_uri)
            if clauses:
                page.toc = with_clauses(page.toc, clauses)
            # Read by theme/main.html: the stylesheets and scripts this page alone uses, and
            # (pages showing a text, when proposing is on) what reader.js loads once words are
            # first selected.
            context[_PAGE_SCRIPTS_KEY] = page_scripts(page.file.src_uri, page.content or "")
            context[_PAGE_STYLESHEETS_KEY] = page_stylesheets(page.file.src_uri)
            context[_PROPOSE_KEY] = PROPOSE_SCRIPTS if self.propose and page.meta.get(_HEAD_KEY) else ()
        return context

    def _write_exports(self, files: Files, config: MkDocsConfig) -> None:
        """The exports, from the model alone (the TextQuoteSelectors too: exports/rendered_text.py,
        where a build test holds the model's text equal to the pages'). Written here, before any
        page is rendered, one at a time, checked as data, into a temporary folder that MkDocs
        copies from: on a large edition each is tens of megabytes, and held in memory until the
        pages are written they would raise the build's peak memory by as much."""
        assert self.site is not None and self.info is not None
        context = self.site.context
        self._remove_export_dir()
        self.export_dir = Path(tempfile.mkdtemp(prefix="annotated-edition-exports-"))
        exports = export_data(context.edition, self.info, self.root, context.note_html, None, context.directory_urls)
        try:
            for path, schema, data in exports:
                check_export(path, schema, data)
                target = self.export_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(dumps(data).encode("utf-8"))
                del data  # before the next export is made
                files.append(File.generated(config, path, abs_src_path=str(target)))
        except ValueError as error:
            raise PluginError(f"annotated-edition: cannot export the notes: {error}") from None
        for path, content in schema_files().items():
            files.append(File.generated(config, path, content=content))

    def _remove_export_dir(self) -> None:
        if self.export_dir is not None:
            shutil.rmtree(self.export_dir, ignore_errors=True)
            self.export_dir = None

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no temporary folder, and no worker, behind."""
        self._stop_early_conversion()
        self._remove_export_dir()
        self._unfreeze()

    def on_shutdown(self) -> None:
        """The end of MkDocs (also of a build driven by hand, without on_post_build)."""
        self._stop_early_conversion()
        self._remove_export_dir()
        self._unfreeze()

    def _unfreeze(self) -> None:
        if self.gc_frozen:
            gc.unfreeze()
            self.gc_frozen = False

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Per finished page: repair the theme's markup, and make sure the citation tags reached
        <head> (a custom_dir overriding main.html would silently drop them otherwise)."""
        with self.clock.phase("render"):
            self._check_head(output, page)
            return drop_checkbox_autocomplete(drop_dangling_toc_label(name_search_dialog(output)))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """After a theme template that is not a page is rendered: the 404 page, repaired like
        the pages, and made to read from disk (see ``relative_not_found_page``)."""
        if template_name != "404.html":
            return output_content
        fixed = drop_checkbox_autocomplete(name_search_dialog(output_content))
        return relative_not_found_page(fixed, urlsplit(config.site_url or "/").path or "/")

    def _check_head(self, output: str, page: Page) -> None:
        if self.warned_head or not page.meta.get(_HEAD_KEY):
            return
        if 'name="citation_title"' not in output.partition("</head>")[0]:
            self.warned_head = True
            log.warning(f"citation <meta> tags are missing from the <head> of {page.file.src_uri}: the theme's "
                        "custom_dir overrides main.html; add to it: {% block extrahead %}{{ super() }}"
                        "{{ page.meta.annotated_edition_head or '' }}{% endblock %}")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Last of all: write the portable tree (the exports are still in their temporary folder)
        and the timings file, if they are asked for; remove the exports' temporary folder (MkDocs
        has copied them)."""
        if self.portable_target and self.site is not None and self.files is not None:
            self._write_portable(Path(self.portable_target), config)
        self._remove_export_dir()
        self._unfreeze()
        target = os.environ.get(TIMINGS_ENV)
        if target and self.edition is not None:
            report = {**self.clock.as_dict(), "generated_pages": self.generated_count,
                      "notes": len(self.edition.notes)}
            Path(target).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    def _write_portable(self, target: Path, config: MkDocsConfig) -> None:
        assert self.files is not None
        name = next(key for key, plugin in config.plugins.items() if plugin is self)
        try:
            write_portable_tree(target, config=config, files=self.files, plugin_name=name,
                                theme_overrides=_THEME_OVERRIDES, markdown_extensions=_MARKDOWN_EXTENSIONS,
                                page_text=self._portable_page)
        except PortableError as error:
            raise PluginError(f"annotated-edition: {error}") from None
        log.info(f"portable tree written to {target}")

    def _portable_page(self, file: File, markdown: str) -> str:
        """A page as the portable tree holds it: placeholders filled as this build filled them,
        and the citation tags (page.meta here) as front matter for the theme override."""
        assert self.site is not None and self.info is not None
        markdown = self._fill_placeholders(markdown, file.src_uri)
        meta = head_meta_for(self.site.context.edition, self.info, self.site.context.directory_urls, file.src_uri)
        return with_front_matter(markdown, {_HEAD_KEY: meta} if meta else {})

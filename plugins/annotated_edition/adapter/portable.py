"""Write the edition as a portable tree: every page and file of the site as plain files, and a
``mkdocs.yml`` without the plugin, so the edition builds with no plugin at all (MkDocs,
ProperDocs, Zensical). See :mod:`annotated_edition.tools.portable`, which runs a real build
with ``ANNOTATED_EDITION_PORTABLE`` set so that this writes the tree: the portable tree holds
the files that build published, with the content it gave them.

Done at ``on_post_build``, when the exports hold their final content. Hand-written pages are
copied, with the plugin's placeholders filled as the build filled them; generated pages are
written as the Markdown the plugin generated, a clause or document page with its citation
``<meta>`` tags in its front matter, where the copied theme override reads them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..tools.portable import PORTABLE_MARKER
from ..tools.portable_config import PortableSettings, portable_config_text
from ..render.assets import PAGE_STYLESHEETS

__all__ = ["PortableError", "write_portable_tree"]

_OVERRIDES = "overrides"


class PortableError(Exception):
    """The portable tree cannot be written; the message says why and what to do."""


def _portable_stylesheets(extra_css: list[str]) -> list[str]:
    """The site's stylesheets, then those the plugin links from single pages: without the
    plugin nothing links them per page, so the portable site lists them for every page."""
    page_sheets = [sheet for sheets in PAGE_STYLESHEETS.values() for sheet in sheets]
    return extra_css + [sheet for sheet in dict.fromkeys(page_sheets) if sheet not in extra_css]

def _is_inside(path: str | None, folder: Path) -> bool:
    return path is not None and Path(path).resolve().is_relative_to(folder)


def _site_files(files: Files, docs_dir: Path, plugin_name: str) -> list[File]:
    """The files the portable docs/ holds: hand-written ones from docs_dir and the plugin's own
    generated ones (not the theme's, nor another plugin's, which that plugin makes again)."""
    chosen = []
    for file in files:
        if file.inclusion.is_excluded():
            continue
        generated_by = getattr(file, "generated_by", None)
        if generated_by == plugin_name or (generated_by is None and _is_inside(file.abs_src_path, docs_dir)):
            chosen.append(file)
    return chosen


def _copy_theme_overrides(config: MkDocsConfig, ours: Path, target: Path) -> None:
    """The site's own custom_dir first, then the plugin's overrides where the site has none
    (the same precedence as the real build's theme search path)."""
    if config.theme.custom_dir:
        shutil.copytree(config.theme.custom_dir, target, dirs_exist_ok=True)
    for source in sorted(ours.rglob("*")):
        destination = target / source.relative_to(ours)
        if source.is_file() and not destination.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)


def write_portable_tree(target: Path, *, config: MkDocsConfig, files: Files, plugin_name: str,
                        theme_overrides: Path, markdown_extensions: tuple[str, ...],
                        page_text: Callable[[File, str], str]) -> None:
    """Write the portable tree into ``target`` (which must not exist or be a tree this wrote).
    ``page_text`` turns a page's Markdown into what the portable page holds."""
    if target.exists() and any(target.iterdir()) and not (target / PORTABLE_MARKER).is_file():
        raise PortableError(f"{target} exists and was not written by the portable build; "
                            "choose an empty or new folder.")
    if target.exists():
        shutil.rmtree(target)
    docs_dir = Path(config.docs_dir).resolve()
    out_docs = target / "docs"
    not_in_nav: list[str] = []
    for file in _site_files(files, docs_dir, plugin_name):
        destination = out_docs / file.src_uri
        destination.parent.mkdir(parents=True, exist_ok=True)
        if file.is_documentation_page():
            destination.write_text(page_text(file, file.content_string), encoding="utf-8")
            if file.inclusion == InclusionLevel.NOT_IN_NAV:
                not_in_nav.append(file.src_uri)
        else:
            destination.write_bytes(file.content_bytes)
    _copy_theme_overrides(config, theme_overrides, target / _OVERRIDES)
    polyfills = config.extra.get("polyfills")
    settings = PortableSettings(
        plugin_name=plugin_name, extra_css=_portable_stylesheets([str(css) for css in config.extra_css]),
        markdown_extensions=markdown_extensions,
        polyfills=[str(p) for p in polyfills] if isinstance(polyfills, list) else None,
        not_in_nav=sorted(not_in_nav), custom_dir=_OVERRIDES)
    original = Path(config.config_file_path).read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(portable_config_text(original, settings), encoding="utf-8")
    (target / PORTABLE_MARKER).write_text("Written by the annotated-edition portable build.\n", encoding="utf-8")

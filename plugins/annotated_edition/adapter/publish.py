"""Adding the engine's generated files to MkDocs' file list: the one place that decides which
pages go in the navigation, where "Edit this page" leads, and that refuses a hand-written file
standing where a generated one goes."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..render.site import GeneratedFile

__all__ = ["publish", "nav_paths", "relative_to_docs"]


def nav_paths(nav: object) -> set[str]:
    """Every page path named in a ``nav`` configuration, at any depth."""
    if isinstance(nav, str):
        return {nav.lstrip("/")}
    if isinstance(nav, dict):
        return set().union(*(nav_paths(value) for value in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(nav_paths(item) for item in nav)) if nav else set()
    return set()


def relative_to_docs(path: Path, docs_dir: Path) -> str:
    resolved, docs = os.path.realpath(path), docs_dir.as_posix()
    # Called for every note: a path inside docs_dir needs no relpath (slow, and the same answer).
    if os.sep == "/" and resolved.startswith(docs.rstrip("/") + "/"):
        return resolved[len(docs.rstrip("/")) + 1:]
    return posixpath.relpath(Path(resolved).as_posix(), docs)


def publish(files: Files, config: MkDocsConfig, generated: list[GeneratedFile], docs_dir: Path) -> None:
    """Add each generated file to the site (exports, whose content is None, are added when
    they are written)."""
    in_nav = nav_paths(config.nav)
    edit_uris: dict[Path, str] = {}  # one relpath per source file, not per page (relpath is slow)
    for item in generated:
        if files.get_file_from_path(item.path) is not None:
            raise PluginError(f"annotated-edition: {item.path} is generated; remove docs/{item.path}.")
        if item.content is None:
            continue
        if not item.path.endswith(".md"):
            files.append(File.generated(config, item.path, content=item.content))
            continue
        listed = item.listing and (config.nav is None or item.path in in_nav)
        file = File.generated(config, item.path, content=item.content,
                              inclusion=InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV)
        if item.edit_source is not None and item.edit_source not in edit_uris:
            edit_uris[item.edit_source] = relative_to_docs(item.edit_source, docs_dir)
        file.edit_uri = edit_uris[item.edit_source] if item.edit_source is not None else None
        files.append(file)

"""Find the edition's files the way the MkDocs build does, without importing MkDocs.

The command-line checker must agree with the build about where texts and notes live, so it
reads the same ``mkdocs.yml``: ``docs_dir`` and the ``annotated-edition`` plugin's options.
Tags MkDocs understands (``!ENV``, ``!!python/name:``) are read leniently: ``!ENV`` is resolved
as MkDocs resolves it, anything else becomes None, since the checker needs none of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..settings import EditionConfig, settings_from_options

__all__ = ["CONFIG_FILE", "PLUGIN_NAME", "find_project_root", "edition_config_for", "read_mkdocs_yml", "plugin_options"]

CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "annotated-edition"


class _LenientLoader(yaml.SafeLoader):
    """SafeLoader that resolves ``!ENV`` and turns every other unknown tag into None."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # Same rule as MkDocs' !ENV: the first set variable wins, else the last item is the default.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_object(child) for child in node.value]  # type: ignore[union-attr]
        names, default = items[:-1] or items, (items[-1] if len(items) > 1 else None)
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
    return default


def _construct_unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_constructor("!ENV", _construct_env)
_LenientLoader.add_multi_constructor("", _construct_unknown)


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``mkdocs.yml`` (else ``start``)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return start


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    path = root / CONFIG_FILE
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506 - SafeLoader subclass
    return data if isinstance(data, dict) else {}


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins)
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return {}


def edition_config_for(root: Path) -> EditionConfig:
    """The settings the build would use for the project at ``root`` (same mapping as the plugin)."""
    config = read_mkdocs_yml(root)
    return settings_from_options(root, str(config.get("docs_dir") or "docs"), plugin_options(config))

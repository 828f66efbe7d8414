"""The portable tree's ``mkdocs.yml``: the site's own configuration, rewritten so that it builds
the generated files with no annotated-edition plugin at all (MkDocs, ProperDocs or Zensical).

The site's file is read with its YAML tags kept as they are (``!ENV``, ``!!python/name:``), so
what the portable build resolves is what the real one would. Then only what the plugin did at
build time is spelled out: its stylesheets in ``extra_css``, the Markdown extensions it adds,
the local web-worker shim in ``extra.polyfills``, the theme overrides that put citation tags in
``<head>``, and ``not_in_nav`` for the pages it keeps out of the navigation. The plugin itself,
``watch`` (folders that are not in the portable tree) and the "Edit" links go: a generated
page's source is not a file under ``docs/`` in the repository, so an edit link would lead nowhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["PortableSettings", "PortableConfigError", "portable_config_text", "not_in_nav_pattern",
           "with_front_matter"]

HEADER = ("# Written by `make portable` (python -m annotated_edition.tools.portable) from the edition's\n"
          "# mkdocs.yml; do not edit: every file in this folder is regenerated from the repository.\n"
          "# Builds with `mkdocs build`, `properdocs build` or `zensical build`, no plugin needed.\n")


class PortableConfigError(Exception):
    """The site's configuration uses something the portable tree cannot carry over."""


@dataclass(frozen=True)
class PortableSettings:
    """What the plugin did to the configuration at build time, to be written out."""

    plugin_name: str                            # the plugin's name in ``plugins:``, removed
    extra_css: Sequence[str] = ()               # the final list, the plugin's stylesheets included
    markdown_extensions: Sequence[str] = ()     # extensions the plugin needs (added when missing)
    polyfills: Sequence[str] | None = None      # the final ``extra.polyfills``, when the plugin set it
    not_in_nav: Sequence[str] = ()              # page paths (from docs/) kept out of the navigation
    custom_dir: str | None = None               # theme overrides folder, relative to the new mkdocs.yml
    docs_dir: str = "docs"
    drop: Sequence[str] = field(default=("watch", "site_dir", "edit_uri_template"))


class _Tagged:
    """A YAML node with an application tag (``!ENV``, ``!!python/name:``), kept as written."""

    def __init__(self, tag: str, node: yaml.Node, value: Any) -> None:
        self.tag, self.node_type, self.value = tag, type(node), value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _keep_tag(prefix: str):  # type: ignore[no-untyped-def]
    def construct(loader: _Loader, suffix: str, node: yaml.Node) -> _Tagged:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
        return _Tagged(prefix + suffix, node, value)
    return construct


_Loader.add_multi_constructor("!", _keep_tag("!"))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag("tag:yaml.org,2002:python/"))


def _represent_tagged(dumper: _Dumper, data: _Tagged) -> yaml.Node:
    if data.node_type is yaml.SequenceNode:
        return dumper.represent_sequence(data.tag, data.value)
    if data.node_type is yaml.MappingNode:
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


def _represent_text(dumper: _Dumper, data: str) -> yaml.Node:
    # Multi-line settings (not_in_nav) as a block, one pattern a line, as a person writes them.
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Tagged, _represent_tagged)
_Dumper.add_representer(str, _represent_text)


def not_in_nav_pattern(path: str) -> str:
    """A ``not_in_nav`` line (gitignore syntax) that matches exactly the page at ``path``."""
    escaped = "".join("\\" + c if c in "*?[]\\" else c for c in path.lstrip("/"))
    return "/" + escaped


def _plugin_name(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return None


def _without_plugin(plugins: Any, name: str) -> Any:
    if isinstance(plugins, dict):
        return {key: value for key, value in plugins.items() if key != name}
    if isinstance(plugins, list):
        return [entry for entry in plugins if _plugin_name(entry) != name]
    return plugins


def _with_extensions(extensions: Any, needed: Sequence[str]) -> Any:
    if isinstance(extensions, dict):
        return {**extensions, **{name: None for name in needed if name not in extensions}}
    present = {_plugin_name(entry) for entry in extensions or []}
    return list(extensions or []) + [name for name in needed if name not in present]


def portable_config_text(original: str, settings: PortableSettings) -> str:
    """The portable ``mkdocs.yml`` for a site whose configuration file reads ``original``."""
    config = yaml.load(original, Loader=_Loader) or {}  # noqa: S506 (a SafeLoader that keeps tags)
    if not isinstance(config, dict):
        raise PortableConfigError("mkdocs.yml does not hold a mapping of settings.")
    if "INHERIT" in config:
        raise PortableConfigError("mkdocs.yml uses INHERIT, which the portable build does not resolve; "
                                  "merge the inherited settings into mkdocs.yml.")
    for key in settings.drop:
        config.pop(key, None)
    config["docs_dir"] = settings.docs_dir
    # No "Edit this page": the generated pages' sources are data files, not docs/ pages.
    config["edit_uri"] = ""
    if "plugins" in config:
        config["plugins"] = _without_plugin(config["plugins"], settings.plugin_name)
    config["markdown_extensions"] = _with_extensions(config.get("markdown_extensions"),
                                                     settings.markdown_extensions)
    if settings.extra_css:
        config["extra_css"] = list(settings.extra_css)
    if settings.polyfills is not None:
        extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
        config["extra"] = {**extra, "polyfills": list(settings.polyfills)}
    if settings.custom_dir is not None:
        theme = config.get("theme")
        theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "mkdocs"}
        theme["custom_dir"] = settings.custom_dir
        config["theme"] = theme
    if settings.not_in_nav:
        existing = str(config.get("not_in_nav") or "").splitlines()
        lines = [line for line in existing if line.strip()]
        lines += [p for p in (not_in_nav_pattern(path) for path in settings.not_in_nav) if p not in lines]
        config["not_in_nav"] = "\n".join(lines) + "\n"
    body = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return HEADER + body


def with_front_matter(markdown: str, meta: dict[str, str]) -> str:
    """``markdown`` with ``meta`` added to its YAML front matter (created when absent)."""
    if not meta:
        return markdown
    block = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    if markdown.startswith("---\n"):
        return "---\n" + block + markdown[len("---\n"):]
    return "---\n" + block + "---\n\n" + markdown

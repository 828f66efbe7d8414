"""Publish a repository Markdown file (CONTRIBUTING.md) as a page of the site, unchanged in
wording, so the guide has one source and two readers: the repository host and the site.

Only links need care: in the repository they are relative to the project root
(``docs/data-formats.md``), on the site relative to ``docs_dir`` (``data-formats.md``). Each
relative link is rewritten by the caller's ``resolve`` function; a link to a file the site
does not publish is an error, since it would be a broken link on the site.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError

from ..package_files import SCHEMA_DIR
from ..render.site import GeneratedFile

__all__ = ["GuideLinkError", "rewrite_links", "contributing_guide"]

# Inline links and images: [text](target "title") — the target is group 2.
_INLINE = re.compile(r"(\]\()(<[^>]*>|[^)\s]+)((?:\s+\"[^\"]*\")?\))")
# Reference definitions: [label]: target
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(\S+)", re.M)
_FENCE = re.compile(r"^(```|~~~)")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@dataclass
class GuideLinkError(Exception):
    link: str
    line: int

    def __str__(self) -> str:
        return (f"line {self.line}: link '{self.link}' points at a file the site does not publish; "
                "link to a page under docs/ instead, or write the path as `code`")


Resolver = Callable[[str], "str | None"]
"""Repository path (relative to the project root) → site path (relative to docs_dir), or None."""


def _rewrite_target(target: str, resolve: Resolver) -> str | None:
    bare = target.strip("<>")
    if not bare or bare.startswith(("#", "/")) or _SCHEME.match(bare):
        return target
    path, hash_mark, fragment = bare.partition("#")
    site_path = resolve(path)
    return None if site_path is None else site_path + hash_mark + fragment


def rewrite_links(text: str, resolve: Resolver) -> str:
    """Rewrite every relative link of ``text`` through ``resolve``; raise
    :class:`GuideLinkError` for a link it cannot place on the site. Lines
    inside fenced code blocks are left alone: links there are literal text."""
    lines = text.splitlines(keepends=True)
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line.lstrip()):
            in_fence = not in_fence
            continue
        if in_fence:
            continue

        def replace(match: re.Match[str]) -> str:
            rewritten = _rewrite_target(match.group(2), resolve)
            if rewritten is None:
                raise GuideLinkError(match.group(2), number)
            return match.group(1) + rewritten + (match.group(3) if match.lastindex == 3 else "")

        lines[number - 1] = _REFERENCE.sub(replace, _INLINE.sub(replace, line))
    return "".join(lines)


def contributing_guide(root: Path, docs_dir: Path, contributing_file: str, page: str) -> GeneratedFile | None:
    """The repository's contributing guide as the site's page ``page`` (one source), its links
    rewritten for the site; None when the site publishes none."""
    if not contributing_file:
        return None
    source = root / contributing_file
    if not source.is_file():
        raise PluginError(f"annotated-edition: contributing_file '{contributing_file}' not found "
                          f"next to mkdocs.yml; create it or remove the option.")
    docs_prefix = posixpath.relpath(docs_dir.as_posix(), root.resolve().as_posix()) + "/"
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
        raise PluginError(f"annotated-edition: {contributing_file}:{error.line}: {error}") from None
    return GeneratedFile(page, markdown, listing=True, edit_source=source)

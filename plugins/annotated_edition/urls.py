"""Where each generated page lives, and relative links between pages.

Every URL derives from IDs, never from positions. Links are relative so the site works from
``file://`` and under any base path.
"""

from __future__ import annotations

import posixpath

from .model import Ref

__all__ = ["page_source_path", "page_url", "relative_url", "relative_path", "Linker"]


def page_source_path(ref: Ref) -> str:
    """The generated Markdown file of a document (its index) or of a clause."""
    return f"{ref.document}/{ref.clause}.md" if ref.clause else f"{ref.document}/index.md"


def page_url(source_path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a source file: ``a/b.md`` → ``a/b.html`` or ``a/b/``."""
    stem = source_path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_path(target: str, start: str) -> str:
    """``posixpath.relpath`` for two site-relative paths, without its ``os.getcwd()`` call per
    link (a tenth of the time of rendering a large edition went there)."""
    target_parts = [part for part in target.split("/") if part and part != "."]
    start_parts = [part for part in start.split("/") if part and part != "."]
    common = 0
    while common < len(target_parts) and common < len(start_parts) and target_parts[common] == start_parts[common]:
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


def relative_url(from_source: str, to_source: str, directory_urls: bool, fragment: str = "") -> str:
    """A link from one page to another (or to itself, when only the fragment differs)."""
    here = page_url(from_source, directory_urls)
    there = page_url(to_source, directory_urls)
    suffix = f"#{fragment}" if fragment else ""
    if here == there and fragment:
        return suffix
    # A directory URL ("a/b/" or "" for the root) is a folder; any other URL is a file in one.
    here_is_folder = here == "" or here.endswith("/")
    there_is_folder = there == "" or there.endswith("/")
    base = here.rstrip("/") if here_is_folder else posixpath.dirname(here)
    relative = relative_path(there.rstrip("/") or ".", base or ".")
    if there_is_folder:
        relative = "./" if relative == "." else relative + "/"
    return relative + suffix


class Linker:
    """Links from one page, in one URL style: the renderers never build paths themselves."""

    def __init__(self, from_source: str, directory_urls: bool) -> None:
        self.from_source = from_source
        self.directory_urls = directory_urls

    def to(self, ref: Ref, fragment: str = "") -> str:
        return relative_url(self.from_source, page_source_path(ref), self.directory_urls, fragment)

    def in_document(self, ref: Ref) -> str:
        """A clause's block on its document page (the permalink readers cite)."""
        return self.to(Ref(ref.document), ref.clause or "")

    def to_source(self, source_path: str, fragment: str = "") -> str:
        return relative_url(self.from_source, source_path, self.directory_urls, fragment)

"""The scripts the site ships, as readers' browsers get them: without comments or layout.

The sources in assets/ are written to be read (their comments say why each step is there);
a phone on a slow connection should not download that. ``rjsmin`` removes comments and
whitespace only: it renames nothing and rewrites no code, so what runs is what was written.
The browser tests run the compacted scripts.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin

__all__ = ["compact_script", "read_script"]


def compact_script(source: str) -> str:
    """The script without comments and layout whitespace (a ``/*! ... */`` comment is kept)."""
    return rjsmin.jsmin(source, keep_bang_comments=True) + "\n"


def read_script(path: Path) -> bytes:
    """A script of assets/, compacted, as the bytes of the file the site ships."""
    return compact_script(path.read_text(encoding="utf-8")).encode("utf-8")

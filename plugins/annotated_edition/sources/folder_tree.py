"""Everything under a folder, listed in one pass with ``os.scandir``: what ``folder.rglob("*")``
yields, with what each entry is (file, link) and its real path, at no extra system call.

Listing the notes folder and ``docs/`` was done with ``Path.rglob`` five times per check
(notes, files with other Markdown suffixes, notes in the wrong place, the site's files, the
count of notes), each entry then asked ``is_file()`` (a ``stat``) and, for two of them,
``resolve()`` (one ``lstat`` per component of the path): most of a warm check of a large
edition. ``os.scandir`` already knows whether an entry is a file or a link, and the real path
of an entry that is not a link is its folder's real path and its name.

The listing is ``rglob``'s: every entry of every folder reached without following a link to
a folder (such a link is listed, not entered), folders before what they contain; a folder
that may not be read is skipped, as ``rglob`` skips it.

Within :func:`shared_listings` (one load of the edition, one check) each folder is listed
once: the loader lists the notes folder, the stray-note search and the checker's list of site
files ``docs/`` (the notes folder again, inside it), the checker counts the notes. A folder
asked for again gets the first listing; a folder met inside another's walk (reached through
real folders, so its real path is the same) gets its own listing spliced in instead of being
scanned again. Nothing is kept past the block: a later load (``mkdocs serve``) lists afresh.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import NamedTuple

__all__ = ["TreeEntry", "folder_tree", "shared_listings", "within"]


class TreeEntry(NamedTuple):
    """One entry of a listing (a named tuple: a large edition's listing has tens of thousands)."""

    path: Path
    is_file: bool
    """``Path.is_file()``: a regular file, or a link to one."""
    is_symlink: bool
    folder_real: str
    """The real path of the folder the entry is in."""
    name: str
    """``path.name``, as the listing gave it."""

    def real(self) -> str:
        """``str(self.path.resolve())``: only a link costs a system call."""
        if self.is_symlink:
            return str(self.path.resolve())
        return os.path.join(self.folder_real, self.name)


# Listings made inside shared_listings(): each folder (as spelled) -> (its real path, its entries).
_Listings = dict[str, tuple[str, list[TreeEntry]]]
_listings: ContextVar[_Listings | None] = ContextVar("annotated_edition_listings", default=None)


@contextmanager
def shared_listings() -> Iterator[None]:
    """Within, each folder is listed once (see the module's docstring); nested blocks share
    the outermost one's listings."""
    token = _listings.set({}) if _listings.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _listings.reset(token)


def folder_tree(folder: Path) -> list[TreeEntry]:
    """Every entry below ``folder`` (see the module's docstring); ``folder`` must be a folder."""
    listings = _listings.get()
    known = listings.get(str(folder)) if listings is not None else None
    if known is not None:
        return list(known[1])
    entries: list[TreeEntry] = []
    real = str(folder.resolve())
    _list(folder, real, entries, listings)
    if listings is not None:
        listings[str(folder)] = (real, entries)
    return list(entries)


def _list(folder: Path, real: str, entries: list[TreeEntry], listings: _Listings | None = None) -> None:
    if listings:
        known = listings.get(str(folder))
        if known is not None and known[0] == real:  # listed already, and the same folder
            entries.extend(known[1])
            return
    try:
        with os.scandir(folder) as listing:
            found = list(listing)
    except PermissionError:
        return
    subfolders = []
    for entry in found:
        is_symlink = entry.is_symlink()
        try:
            is_file = entry.is_file()
        except OSError:
            is_file = False
        path = folder / entry.name
        entries.append(TreeEntry(path, is_file, is_symlink, real, entry.name))
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            subfolders.append(path)
    for path in subfolders:
        _list(path, os.path.join(real, path.name), entries, listings)


def within(real: str, folder_real: str) -> bool:
    """``Path(real).is_relative_to(folder_real)`` for two real (absolute, normalized) paths."""
    if folder_real == os.sep:
        return real.startswith(os.sep)
    return real == folder_real or real.startswith(folder_real + os.sep)

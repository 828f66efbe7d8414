"""Guards on the files the edition reads: inside the project, of a sane size, plain YAML.

Contributors' files arrive by pull request, so the loaders treat them as hostile:
- a note or a sidecar that is a symbolic link to somewhere outside the project (``/etc/passwd``,
  a file in the CI runner's home) would be published; such files are refused;
- a 5 MB file makes the Markdown converter and the YAML parser take minutes; files over a limit
  are refused with their size, before they are parsed;
- YAML aliases (``*name``) let a few lines stand for billions of values, which the schema check
  and the renderers would then walk one by one; they are refused where they stand.

The project root is set for the duration of one load by :func:`reading_project`, so every
reader (ours, and loaders added later that go through ``read_utf8``) gets the same guard
without threading the root through every signature.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Iterator

import yaml

from ..diagnostics import Diagnostics
from .folder_tree import within

__all__ = ["MAX_NOTE_BYTES", "MAX_SOURCE_BYTES", "reading_project", "refuse_outside_project", "outside_project",
           "refuse_oversized", "find_yaml_alias", "describe_size", "resolved", "known_inside_project"]

# A note is commentary on one clause: 256 KB is some 40,000 words, far beyond any real note,
# and converts in well under a second. Texts and data files may be larger, but a 2 MB sidecar
# already takes seconds to parse; anything bigger is a mistake or an attack.
MAX_NOTE_BYTES = 256 * 1024
MAX_SOURCE_BYTES = 2 * 1024 * 1024

_project_root: ContextVar[Path | None] = ContextVar("annotated_edition_project_root", default=None)


# Each folder's real path, once per load: resolving a note's path walked every component of
# it (a system call each), thousands of times over the same few folders.
_real_folders: ContextVar[dict[str, str] | None] = ContextVar("annotated_edition_real_folders", default=None)


@contextmanager
def reading_project(root: Path) -> Iterator[None]:
    """While loading, files must resolve inside ``root``."""
    token = _project_root.set(root.resolve())
    folders = _real_folders.set({})
    try:
        yield
    finally:
        _real_folders.reset(folders)
        _project_root.reset(token)


def resolved(path: Path) -> Path:
    """``path.resolve()``, the folder part looked up once per load (see :func:`reading_project`).

    Resolving ``folder/name`` is resolving ``folder``, then following ``name`` if it is a
    symbolic link: so when ``name`` is not one, the answer is the folder's real path and
    ``name``, and the same holds for the folder and each of its parents. Anything else (a link, a relative path, ``.`` or ``..`` in it, no load under
    way) is resolved the usual way, and so are its errors (a loop) raised."""
    folders = _real_folders.get()
    text = str(path)
    if folders is None or not os.path.isabs(text):
        return path.resolve()
    folder, name = os.path.split(text)
    if name in ("", ".", "..") or "/." in folder or folder.endswith("/.") or "//" in folder:
        return path.resolve()
    candidate = os.path.join(_real_folder(folder, folders), name)
    if os.path.islink(candidate):
        return path.resolve()
    return Path(candidate)


def _real_folder(folder: str, folders: dict[str, str]) -> str:
    """The real path of an absolute folder with no ``.`` or ``..`` in it: its parent's real path
    and its name, or where its name leads when that is a symbolic link (one ``lstat`` per
    folder, against one per component of the path for ``Path.resolve``)."""
    real = folders.get(folder)
    if real is None:
        parent, name = os.path.split(folder)
        if not name or parent == folder:
            real = str(Path(folder).resolve())  # the root
        else:
            candidate = os.path.join(_real_folder(parent, folders), name)
            real = str(Path(candidate).resolve()) if os.path.islink(candidate) else candidate
        folders[folder] = real
    return real


def outside_project(path: Path) -> Path | None:
    """Where ``path`` really is, when that is outside the project being loaded; else None."""
    root = _project_root.get()
    if root is None:
        return None
    try:
        real = resolved(path)
    except (OSError, RuntimeError):  # a symlink loop: read_bytes will say so
        return None
    return None if real.is_relative_to(root) else real


def known_inside_project(real: str) -> bool:
    """Whether ``real``, a file's real path already known (a folder listing gives it for each
    entry that is not a link: :class:`.folder_tree.TreeEntry`), lies inside the project being
    loaded, or no load is under way: what :func:`outside_project` answers None for, without
    its system call. False means: ask :func:`refuse_outside_project`, which says why."""
    root = _project_root.get()
    return root is None or within(real, str(root))


def refuse_outside_project(path: Path, diagnostics: Diagnostics) -> bool:
    """Record an error and return True when ``path`` resolves outside the project being loaded."""
    resolved = outside_project(path)
    if resolved is None:
        return False
    link = " is a symbolic link that" if path.is_symlink() or any(p.is_symlink() for p in path.parents) else ""
    diagnostics.error(path, 1, 1, f"the file{link} points outside the project, to {resolved}",
                      "The edition only reads files inside its own folder: copy the file in instead of "
                      "linking to it, and keep 'text:' paths inside source_texts/.")
    return True


def describe_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def refuse_oversized(path: Path, size: int, limit: int, diagnostics: Diagnostics) -> bool:
    if size <= limit:
        return False
    diagnostics.error(path, 1, 1, f"file is too large: {describe_size(size)}, over the limit of {describe_size(limit)}",
                      "Check that this is the file you meant to add; split a very long note into "
                      "several notes on the clauses they discuss.")
    return True


def find_yaml_alias(text: str) -> yaml.Event | None:
    """The first alias (``*name``) in ``text``, if any. Parse errors are left to the real load."""
    if "*" not in text:  # an alias always contains one; most files have none at all
        return None
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent):
                return event
    except yaml.YAMLError:
        return None
    return None

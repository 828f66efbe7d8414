"""One digest of the whole engine: every file of the package (code, templates, schemas), the
versions of the libraries whose output the engine reports (Python-Markdown, nh3, PyYAML and
whether libyaml parses, Jinja2, MarkupSafe) and Python's.

The memos of whole per-note results (:mod:`.sources.note_load_memo`,
:mod:`.tools.note_verdicts`) depend on more code than one can list by hand without forgetting
a module (a note's verdict goes through the loader, the schema check, the converter, the
templates and the link checks), so their keys take the engine as a whole: any change to any
file of the package is another engine, and every entry written by the old one is never read
again. Reading and hashing the package costs a few milliseconds, once per run.
"""

from __future__ import annotations

import hashlib
import platform
from functools import cache
from importlib import metadata
from pathlib import Path

from . import __version__

__all__ = ["engine_digest", "installed_version", "package_files"]

_PACKAGE_DIR = Path(__file__).resolve().parent
_LIBRARIES = ("markdown", "nh3", "PyYAML", "Jinja2", "MarkupSafe")


# Made from the package's own files at install time: they follow the sources, as bytecode does.
_DERIVED = ("__pycache__", "compiled-templates")


def package_files(folder: Path = _PACKAGE_DIR) -> list[Path]:
    """Every file of the package, in a stable order (bytecode and the templates compiled at
    install time excluded: they follow the sources)."""
    return sorted(path for path in folder.rglob("*")
                  if path.is_file() and not any(part in _DERIVED for part in path.parts) and path.suffix != ".pyc")


def installed_version(name: str) -> str:
    """The installed version of the distribution ``name``, or "absent"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@cache
def engine_digest() -> str:
    """The package version and a digest of its files and of the libraries named above."""
    digest = hashlib.sha256()
    for path in package_files():
        digest.update(path.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    for name in _LIBRARIES:
        digest.update(f"{name}={installed_version(name)}\0".encode())
    try:
        import yaml
        libyaml = hasattr(yaml, "CSafeLoader")
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        libyaml = False
    digest.update(f"libyaml={libyaml}\0python={platform.python_version()}\0".encode())
    return f"{__version__}+{digest.hexdigest()[:24]}"

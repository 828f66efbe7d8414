"""The engine's settings: where an edition's files are, and the one mapping from the plugin's
options (as written under ``annotated-edition:`` in ``mkdocs.yml``) to them.

Both the MkDocs build and the command-line checker call :func:`settings_from_options`, so they
always agree about where texts and notes live. The option defaults are the field defaults
below; the MkDocs ``Config`` class (adapter/config.py) reads them from here.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["EditionConfig", "settings_from_options", "default", "OPTION_FIELDS", "DEFAULT_COMMENTARY_DIR"]


@dataclass(frozen=True)
class EditionConfig:
    """Where the edition's files are. Paths are relative to ``root`` unless absolute."""

    root: Path
    documents: tuple[str, ...]
    sources_dir: str = "source_texts"
    commentary_dir: str = "docs/commentary"
    docs_dir: str = "docs"
    crossrefs_file: str = "crossrefs.yml"
    entities_file: str = "entities.yml"
    timeline_file: str = "timeline.yml"
    commitments_file: str = "commitments.yml"
    cache_dir: str = ".cache/annotated-edition"
    """Converted note bodies kept between runs (see notes/cache.py); empty: no persistent cache."""

    @property
    def sources_path(self) -> Path:
        return self.root / self.sources_dir

    @property
    def cache_path(self) -> Path | None:
        return (self.root / self.cache_dir) if self.cache_dir else None

    @property
    def commentary_path(self) -> Path:
        return self.root / self.commentary_dir

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir


# Options passed through under the same name; ``commentary_dir`` is relative to ``docs_dir``.
OPTION_FIELDS = ("sources_dir", "crossrefs_file", "entities_file", "timeline_file", "commitments_file")
DEFAULT_COMMENTARY_DIR = "commentary"


def default(name: str) -> Any:
    """The default of one setting, for the option declarations of an adapter."""
    return next(f.default for f in dataclasses.fields(EditionConfig) if f.name == name)


def settings_from_options(root: Path, docs_dir: str | Path, options: Mapping[str, Any]) -> EditionConfig:
    """The settings for the project at ``root`` from the plugin's options and ``docs_dir``."""
    docs = Path(docs_dir)
    commentary = docs / str(options.get("commentary_dir") or DEFAULT_COMMENTARY_DIR)
    absolute = commentary if commentary.is_absolute() else root / commentary
    # Relative to the root where possible, so that messages and exports name short paths.
    commentary_dir = (os.path.relpath(absolute, root) if absolute.resolve().is_relative_to(root.resolve())
                      else str(absolute))
    values = {name: str(options[name]) for name in OPTION_FIELDS if options.get(name)}
    if options.get("cache_dir") is not None:  # "" is meaningful: no persistent cache
        values["cache_dir"] = str(options["cache_dir"])
    docs_absolute = docs if docs.is_absolute() else root / docs
    docs_dir = (os.path.relpath(docs_absolute, root) if docs_absolute.resolve().is_relative_to(root.resolve())
                else str(docs_absolute))
    return EditionConfig(root=root, documents=tuple(options.get("documents") or ()),
                         commentary_dir=Path(commentary_dir).as_posix(), docs_dir=Path(docs_dir).as_posix(), **values)

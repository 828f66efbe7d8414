"""A persistent, content-addressed store of the results of pure steps (a note's front matter
loaded and checked, the fragment links of a note's HTML that lead nowhere), kept beside the
note cache (:mod:`.notes.cache`) in the same folder, which ``make clean`` removes.

Every entry is stored under a digest of everything its result depends on: the step's name,
its input's bytes, and the engine (the package version and the bytes of the modules that
compute it, plus whatever else the caller names, such as a schema). So a stale entry is never
read: a change of any input is another key. Each entry carries its own key, and one that
cannot be read (damaged, stored under another key, of another format) counts as missing and
is overwritten by the next run that computes it. The same safety as the note cache, for the
same reasons: one SQLite database written in one transaction per batch, so two runs at once
never see half an entry; any database error makes the store unavailable for the rest of the
run, which then computes everything (a read-only checkout costs only speed).

This module is at the bottom of the pipeline (it imports nothing of the engine but the
version and :mod:`.sqlite_entries`, the storage it shares with the note cache) so that loading
the sources can use it as well as rendering.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .sqlite_entries import EntryFile

__all__ = ["ResultStore", "code_version", "framed", "result_key"]

# Bumped when the layout of an entry changes; part of every key and of the file's name.
_FORMAT = 1
_FILE = f"results-v{_FORMAT}.sqlite"
_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def code_version(*modules: str) -> str:
    """The package version and a digest of the named files of the package (paths relative to it)."""
    digest = hashlib.sha256()
    for name in (*modules, "stored_results.py"):
        path = _PACKAGE_DIR / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
        digest.update(b"\0")
    return f"{__version__}+{digest.hexdigest()[:16]}"


# json.dumps(..., sort_keys=True, ensure_ascii=True), its encoder made once: a warm check makes
# some 16,000 keys, and building an encoder for each was a third of the cost of a key.
_HEADER = json.JSONEncoder(sort_keys=True, ensure_ascii=True)


def result_key(step: str, engine: str, data: str, **settings: Any) -> str:
    """The key of one result: a digest of the step, the engine, its settings and its input."""
    if settings:
        digest = hashlib.sha256()
        digest.update(_header(step, engine, settings))
    else:  # the header of a step without settings, hashed once per run
        digest = _plain_start(step, engine).copy()
    digest.update(data.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _header(step: str, engine: str, settings: dict[str, Any]) -> bytes:
    header = _HEADER.encode({"format": _FORMAT, "step": step, "engine": engine, "settings": settings})
    return header.encode("ascii") + b"\0"


@cache
def _plain_start(step: str, engine: str) -> "hashlib._Hash":
    digest = hashlib.sha256()
    digest.update(_header(step, engine, {}))
    return digest


def framed(*parts: str) -> str:
    """``parts`` as one string from which each can be read back (each one's length, a NUL,
    then the part): the input of a key made of several texts, none of which can end where
    another begins."""
    return "".join(f"{len(part)}\0{part}" for part in parts)


class ResultStore(EntryFile):
    """Results on disk: one SQLite database in ``folder`` (created when first used; see
    :mod:`.sqlite_entries`), holding JSON values. ``hits``, ``misses`` and ``writes`` count this
    run's use."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        super().__init__(self.folder / _FILE, "results")

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The values stored whole under ``keys``; the others are misses."""
        # Decoded as 1-tuples, so that a stored null is a value and not a miss.
        return {key: entry[0] for key, entry in self.get_decoded(keys, _decode).items()}

    def put_many(self, entries: Mapping[str, Any]) -> None:
        """Store every value (JSON-able) in one transaction (all or none)."""
        self.put_raw((key, _encode(key, value)) for key, value in entries.items())


def _encode(key: str, value: Any) -> bytes:
    return json.dumps({"key": key, "value": value}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(key: str, data: object) -> tuple[Any] | None:
    """(value,), or None when ``data`` is not a whole, well-formed entry for ``key``."""
    if not isinstance(data, bytes):
        return None
    try:
        entry = json.loads(data.decode("utf-8"))
    except ValueError:  # JSON or UTF-8 errors
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or "value" not in entry:
        return None
    return (entry["value"],)

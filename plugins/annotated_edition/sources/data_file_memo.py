"""Data files parsed and checked against their schema, remembered across runs of ``make check``
(see :mod:`..stored_results`): the document sidecars, ``crossrefs.yml``, ``entities.yml`` and
``timeline.yml``.

A warm check of a large edition parsed 200 sidecars and three listings of thousands of entries
again, and walked them through their schemas, to learn what it learnt the run before (at
100x, 0.1 s of a warm check of about one second). Both steps are pure, as for a note's front matter
(:mod:`.front_matter_memo`): the same text gives the same values, positions and verdict. So a
file whose text loaded without a problem, was the mapping its loader wants and passed its
schema without a word is stored under a digest of its text, the schema's name and the engine
(:func:`..engine_digest.engine_digest`: every file of the package, the schemas, the YAML
loader and the checks among them, and PyYAML's version and whether libyaml parses). A file
with any problem is never stored: it is loaded and checked again on every run, so its
diagnostics are always the loader's and the schema check's own. Everything the loaders do with
the value afterwards (anchoring clauses in the text, resolving references, finding mentions)
runs on every load as before, and reports as before.

The memo is the checker's only (:func:`remembering_data_files`, around its load): storing
the files costs a cold build a little, and a build's load is a small part of its time.
Without it, :func:`load_checked` is ``load_yaml_file`` followed by the caller's check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..engine_digest import engine_digest
from ..stored_results import ResultStore, result_key
from .front_matter_memo import decode_value, encode_value
from .yaml_source import YamlMap, load_yaml_text, read_utf8

__all__ = ["DataFiles", "data_file_key", "load_checked", "remembering_data_files"]

_STEP = "data-file"


def data_file_key(text: str, schema: str, engine: str | None = None) -> str:
    """The key of a data file's entry: its text, the schema it is checked against, the engine."""
    return result_key(_STEP, engine if engine is not None else engine_digest(), text, schema=schema)


class DataFiles:
    """Clean data files from ``store``: :meth:`get` reads one, :meth:`remember` and
    :meth:`flush` write this run's new ones in one transaction. ``hits`` counts the files
    read from the store."""

    def __init__(self, store: ResultStore) -> None:
        self.store = store
        self._new: dict[str, Any] = {}
        self.hits = 0

    def get(self, key: str) -> YamlMap | None:
        stored = self.store.get_many([key])
        if key not in stored:
            return None
        try:
            value = decode_value(stored[key])
        except (ValueError, TypeError, KeyError, IndexError):
            return None  # damaged: loaded again, and stored afresh once checked
        if type(value) is not YamlMap:
            return None
        self.hits += 1
        return value

    def remember(self, key: str, value: YamlMap) -> None:
        try:
            self._new[key] = encode_value(value)
        except ValueError:
            pass  # something JSON cannot hold: loaded and checked on every run

    def flush(self) -> None:
        if self._new:
            self.store.put_many(self._new)
        self._new = {}


_active: ContextVar[DataFiles | None] = ContextVar("annotated_edition_data_files", default=None)


@contextmanager
def remembering_data_files(store: ResultStore | None) -> Iterator[DataFiles | None]:
    """Within, :func:`load_checked` reads and fills ``store`` (None: no store, nothing
    remembered); what was new is written at the end of the block."""
    memo = DataFiles(store) if store is not None else None
    token = _active.set(memo)
    try:
        yield memo
    finally:
        _active.reset(token)
        if memo is not None:
            memo.flush()


def load_checked(path: Path, schema: str, found: Diagnostics,
                 check: Callable[[Any], bool]) -> tuple[Any | None, bool]:
    """``load_yaml_file(path, found)`` then ``check(value)`` (the caller's checks of the value,
    its schema among them, recording into ``found``; True when it passes): the value and
    whether it passed. With a memo active
    (:func:`remembering_data_files`), a text stored as clean is read from the store and not
    checked again (it passed, and the check is a function of the value); a text that loads and
    passes without adding to ``found`` is stored."""
    memo = _active.get()
    before = len(found.items)
    text = read_utf8(path, found)
    key = data_file_key(text, schema) if memo is not None and text is not None and len(found.items) == before else ""
    if key:
        assert memo is not None
        stored = memo.get(key)
        if stored is not None:
            return stored, True
    value = load_yaml_text(text, path, found) if text is not None else None
    passed = check(value)
    if key and passed and len(found.items) == before and type(value) is YamlMap:
        assert memo is not None
        memo.remember(key, value)
    return value, passed

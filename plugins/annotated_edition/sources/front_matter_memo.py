"""Notes' front matter, loaded and checked against the schema once per content, remembered
across runs (see :mod:`..stored_results`).

Parsing a note's YAML and checking it against ``note.schema.json`` costs about a quarter of a
millisecond; a large edition has thousands of notes of which a contributor edits one, and
every build and every check loaded them all again. Both steps are pure: the same text gives
the same values, positions and verdict. So a front matter that loaded without a problem and
passed the schema is stored (unless its note is stored whole: see ``remembering``) under a
digest of its text, of the schemas, of PyYAML (its version, and whether libyaml parses) and of
the code that loads and checks it. A front matter
with any problem is never stored: it is loaded and checked again on every run, so its
diagnostics are always the ones the loader and the schema check give. Whatever comes after
(dates against today, citations, the quote against the clause) runs on every load as before.
"""

from __future__ import annotations

import hashlib
import math
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostics
from ..package_files import SCHEMA_DIR
from ..stored_results import ResultStore, code_version, result_key
from .schema_check import validate
from .yaml_source import YamlList, YamlMap, load_yaml_text

__all__ = ["FrontMatters", "encode_value", "decode_value", "front_matter_key"]

_STEP = "note-front-matter"
_MODULES = ("sources/yaml_source.py", "sources/plain_yaml.py", "sources/schema_check.py",
            "sources/schema_fastpath.py", "sources/front_matter_memo.py")
_SCHEMA = "note"


@cache
def _settings() -> dict[str, str]:
    schemas = hashlib.sha256()
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schemas.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return {"schema": _SCHEMA, "schemas": schemas.hexdigest(), "pyyaml": yaml.__version__,
            "libyaml": str(hasattr(yaml, "CSafeLoader"))}


def front_matter_key(text: str, line_offset: int, settings: dict[str, str] | None = None,
                     engine: str | None = None) -> str:
    """The key of a front matter's entry: its text, the line it starts after, the schemas and
    PyYAML (``settings``) and the code that loads and checks it (``engine``)."""
    return result_key(_STEP, engine if engine is not None else code_version(*_MODULES), text,
                      line_offset=line_offset, **(settings if settings is not None else _settings()))


# Values as JSON: scalars as themselves, a YamlMap as {"M": [position, [[key, value, value's
# position, key's position], ...]]}, a YamlList as {"L": [position, [[item, item's position], ...]]}
# (a JSON object is never a scalar, so the two cannot be confused).
class _Unstorable(Exception):
    pass


def encode_value(value: Any) -> Any:
    """The JSON form of a loaded value; raises ValueError for anything else than what notes
    load to (YamlMap, YamlList, str, int, finite float, bool, None)."""
    try:
        return _encode(value)
    except _Unstorable as error:
        raise ValueError(str(error)) from None


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind is YamlMap:
        positions, key_positions = getattr(value, "positions", None), getattr(value, "key_positions", None)
        if positions is None or key_positions is None:
            raise _Unstorable("a mapping without positions")
        return {"M": [list(value.position), [[key, _encode(item), list(positions[key]), list(key_positions[key])]
                                             for key, item in value.items()]]}
    if kind is YamlList:
        positions = getattr(value, "positions", None)
        if positions is None or len(positions) != len(value):
            raise _Unstorable("a list without positions")
        return {"L": [list(value.position), [[_encode(item), list(position)]
                                             for item, position in zip(value, positions)]]}
    if kind is str:
        value.encode("utf-8")  # a lone surrogate cannot be stored: UnicodeEncodeError, a ValueError
        return value
    if kind is float and not math.isfinite(value):
        raise _Unstorable("a float that JSON cannot hold")
    if kind in (int, float, bool) or value is None:
        return value
    raise _Unstorable(f"a value of type {kind.__name__}")


def _position(data: Any) -> tuple[int, int]:
    line, column = data
    if type(line) is not int or type(column) is not int:
        raise TypeError("a position is two whole numbers")
    return (line, column)


def decode_value(data: Any) -> Any:
    """The value :func:`encode_value` was given; raises ValueError, TypeError, KeyError or
    IndexError for anything it cannot have written."""
    if isinstance(data, dict):
        if len(data) != 1:
            raise ValueError("a container is one tagged object")
        if "M" in data:
            position, entries = data["M"]
            mapping = YamlMap()
            mapping.position = _position(position)
            mapping.positions = {}
            mapping.key_positions = {}
            for key, item, value_position, key_position in entries:
                if type(key) is not str or key in mapping:
                    raise ValueError("keys are distinct strings")
                mapping[key] = decode_value(item)
                mapping.positions[key] = _position(value_position)
                mapping.key_positions[key] = _position(key_position)
            return mapping
        position, entries = data["L"]
        items = YamlList()
        items.position = _position(position)
        items.positions = []
        for item, item_position in entries:
            items.append(decode_value(item))
            items.positions.append(_position(item_position))
        return items
    if data is None or type(data) in (str, int, float, bool):
        return data
    raise TypeError(f"not a stored value: {type(data).__name__}")


class FrontMatters:
    """Loads front matter (:meth:`load`) and checks it against the ``note`` schema
    (:meth:`check`), reading what a run before found valid from ``store`` (None: no store).

    :meth:`prefetch` reads many at once (one query; otherwise one per front matter);
    :meth:`flush` writes this run's new entries in one transaction. While ``remembering`` is
    false, nothing new is kept: the caller stores the whole note instead (see load_notes)."""

    def __init__(self, store: ResultStore | None = None) -> None:
        self.store = store
        self._known: dict[str, Any] = {}   # key → JSON form, read from the store
        self._asked: set[str] = set()       # keys prefetch() asked the store for (found or not)
        self._new: dict[str, Any] = {}
        self._keys: dict[tuple[str, int], str] = {}  # each front matter's key, worked out once
        self.loaded = 0                     # parsed here (not read from the store)
        self.remembering = True

    def _key(self, text: str, line_offset: int) -> str:
        key = self._keys.get((text, line_offset))
        if key is None:
            key = self._keys[(text, line_offset)] = front_matter_key(text, line_offset)
        return key

    def prefetch(self, texts: list[tuple[str, int]]) -> None:
        if self.store is None:
            return
        keys = [self._key(text, offset) for text, offset in texts]
        asked = [key for key in keys if key not in self._known and key not in self._asked]
        self._known.update(self.store.get_many(asked))
        self._asked.update(asked)

    def load(self, text: str, path: Path, found: Diagnostics, line_offset: int = 1) -> tuple[Any | None, bool]:
        """(the value, whether it is known valid): read from the store (known valid: it was
        stored only because loading and checking it recorded nothing), else loaded by
        ``load_yaml_text``, which records any problem in ``found``."""
        if self.store is not None:
            key = self._key(text, line_offset)
            if key in self._known:
                stored = self._known[key]
            else:  # asked already in one query with the others, or asked now
                stored = None if key in self._asked else self.store.get_many([key]).get(key)
            if stored is not None:
                try:
                    value = decode_value(stored)
                except (ValueError, TypeError, KeyError, IndexError):
                    value = None  # damaged: loaded again below, and stored afresh once checked
                if type(value) is YamlMap:
                    return value, True
        self.loaded += 1
        return load_yaml_text(text, path, found, line_offset=line_offset), False

    def check(self, text: str, value: YamlMap, path: Path, found: Diagnostics, line_offset: int = 1) -> bool:
        """The schema check of a value :meth:`load` gave without recording anything; a value
        that passes without a word is stored for the next run."""
        checked = Diagnostics()
        valid = validate(value, _SCHEMA, path, checked)
        found.extend(checked)
        if valid and not checked and self.store is not None and self.remembering and type(value) is YamlMap:
            try:
                self._new[self._key(text, line_offset)] = encode_value(value)
            except ValueError:
                pass  # something JSON cannot hold: loaded and checked on every run
        return valid

    def flush(self) -> None:
        if self.store is not None and self._new:
            self.store.put_many(self._new)
        self._new = {}

"""YAML loading that remembers where each value came from, so errors can name line and column.

Mappings load as :class:`YamlMap` and sequences as :class:`YamlList`; both are ordinary
``dict``/``list`` subclasses that also carry 1-based positions of their own start and of each
key's value (maps) or item (lists).
"""

from __future__ import annotations

import datetime as _dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostics
from .yaml_messages import plain_yaml_problem
from .input_guards import MAX_SOURCE_BYTES, find_yaml_alias, known_inside_project, refuse_outside_project, refuse_oversized

__all__ = ["YamlMap", "YamlList", "Position", "load_yaml_text", "load_yaml_file", "read_utf8"]

Position = tuple[int, int]


class YamlMap(dict):  # type: ignore[type-arg]
    """A mapping with ``position`` (its own) and ``positions[key]`` (each value's)."""

    position: Position = (1, 1)
    positions: dict[str, Position]
    key_positions: dict[str, Position]

    def at(self, key: str) -> Position:
        """Where the value of ``key`` starts, or where this mapping starts if it is absent."""
        return self.positions.get(key, self.position)


class YamlList(list):  # type: ignore[type-arg]
    """A sequence with ``position`` (its own) and ``positions[i]`` (each item's)."""

    position: Position = (1, 1)
    positions: list[Position]

    def at(self, index: int) -> Position:
        return self.positions[index] if index < len(self.positions) else self.position


def _mark(node: yaml.Node, line_offset: int) -> Position:
    return (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _NeedsFullConstructor(Exception):
    """The document uses something the direct walk leaves to PyYAML (merge keys, set/omap tags,
    custom tags); a recursive alias shows up as RecursionError and is left to PyYAML too."""


def _walk(loader: Any, node: yaml.Node, line_offset: int) -> Any:
    """Nodes → values directly, for the plain YAML our files use. PyYAML's generic constructor
    (generators, per-object state) took most of the time of loading a note; this builds the same
    YamlMap/YamlList/str values in a third of it."""
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR or tag == _TIMESTAMP:  # dates stay strings, as in the loader below
            return node.value
        constructor = loader.yaml_constructors.get(tag)
        if constructor is None:
            raise _NeedsFullConstructor(tag)
        return constructor(loader, node)  # null, bool, int, float: plain values
    if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
        items = YamlList([_walk(loader, item, line_offset) for item in node.value])
        items.position = _mark(node, line_offset)
        items.positions = [_mark(item, line_offset) for item in node.value]
        return items
    if isinstance(node, yaml.MappingNode) and tag == _MAP:
        data = YamlMap()
        data.position = _mark(node, line_offset)
        data.positions = {}
        data.key_positions = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _NeedsFullConstructor("merge key")
            key = _walk(loader, key_node, line_offset)
            if not isinstance(key, str):
                key = str(key)
            if key in data:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            data[key] = _walk(loader, value_node, line_offset)
            data.positions[key] = _mark(value_node, line_offset)
            data.key_positions[key] = _mark(key_node, line_offset)
        return data
    raise _NeedsFullConstructor(tag)


# libyaml's parser, when PyYAML was built with it, is about ten times faster than the pure-Python
# one; with thousands of notes, parsing front matter was most of the build's own time. Both give
# the same nodes and the same line/column marks. Error messages differ in wording, so a document
# that fails to parse is parsed again by the Python parser, whose messages are the ones we report.
_FAST_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}


@lru_cache(maxsize=None)
def _make_loader(line_offset: int, base: type = yaml.SafeLoader) -> type:
    class _LocatingLoader(base):  # type: ignore[valid-type,misc]
        def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[override]
            data = YamlMap()
            data.position = _mark(node, line_offset)
            data.positions = {}
            data.key_positions = {}
            yield data
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in data:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                data[key] = self.construct_object(value_node, deep=True)
                data.positions[key] = _mark(value_node, line_offset)
                data.key_positions[key] = _mark(key_node, line_offset)

        def construct_yaml_seq(self, node: yaml.SequenceNode):  # type: ignore[override]
            data = YamlList()
            data.position = _mark(node, line_offset)
            data.positions = [_mark(item, line_offset) for item in node.value]
            yield data
            data.extend(self.construct_object(item, deep=True) for item in node.value)

    # Dates stay as the editor typed them ("2018-06-12"): the schemas and exports want strings.
    def construct_document(self, node: yaml.Node) -> Any:  # type: ignore[no-untyped-def]
        try:
            return _walk(self, node, line_offset)
        except (_NeedsFullConstructor, RecursionError):
            return base.construct_document(self, node)

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:  # type: ignore[no-untyped-def]
        # The tag of a plain scalar depends only on its text; the same keys and short values
        # recur in every note, so remember the answer (the C parser asks for every scalar).
        if kind is not yaml.ScalarNode or len(value) > 40:
            return base.resolve(self, kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = base.resolve(self, kind, value, implicit)
            if len(_RESOLVED) > 10_000:
                _RESOLVED.clear()
            _RESOLVED[key] = tag
        return tag

    if not base.yaml_path_resolvers:  # the memo is only valid without path-dependent resolvers
        _LocatingLoader.resolve = resolve  # type: ignore[method-assign]

    _LocatingLoader.construct_document = construct_document  # type: ignore[method-assign]
    _LocatingLoader.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    _LocatingLoader.add_constructor("tag:yaml.org,2002:map", _LocatingLoader.construct_yaml_map)
    _LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _LocatingLoader.construct_yaml_seq)
    return _LocatingLoader


def load_yaml_text(
    text: str, path: Path, diagnostics: Diagnostics, line_offset: int = 0
) -> Any | None:
    """Parse ``text``; on a syntax error, record it at its line and column and return None."""
    if _refuse_aliases(text, path, diagnostics, line_offset):
        return None
    # Imported here: plain_yaml builds the YamlMap and YamlList of this module.
    from .plain_yaml import load_plain_yaml
    plain = load_plain_yaml(text, line_offset)
    if plain is not None:
        return plain
    if _FAST_BASE is not yaml.SafeLoader:
        try:
            return yaml.load(text, Loader=_make_loader(line_offset, _FAST_BASE))  # noqa: S506 - safe loader
        except yaml.YAMLError:
            pass  # parsed again below, for the Python parser's wording of the problem
    try:
        return yaml.load(text, Loader=_make_loader(line_offset))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        column = (mark.column + 1) if mark else 1
        problem = error.problem or error.context or "invalid YAML"
        context = error.context if error.problem else ""
        diagnostics.error(path, line, column, f"invalid YAML: {plain_yaml_problem(problem, context or '')}",
                          _syntax_hint(problem))
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1 + line_offset
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        diagnostics.error(path, line, column, f"invalid YAML: character U+{error.character:04X} is not allowed",
                          "Remove the control character (it is invisible in most editors).")
    except yaml.YAMLError as error:
        diagnostics.error(path, 1 + line_offset, 1, f"invalid YAML: {plain_yaml_problem(str(error))}")
    return None


def _syntax_hint(problem: str) -> str:
    if "'\\t'" in problem or "\t" in problem:
        return "YAML does not allow tab characters for indentation: indent with spaces."
    return "Check indentation, and quote strings that contain ': ' or start with a symbol."


def _refuse_aliases(text: str, path: Path, diagnostics: Diagnostics, line_offset: int) -> bool:
    alias = find_yaml_alias(text)
    if alias is None:
        return False
    mark = alias.start_mark
    diagnostics.error(path, mark.line + 1 + line_offset, mark.column + 1,
                      f"YAML alias '*{alias.anchor}' is not allowed",
                      "Write the value out in full: anchors and aliases (&name, *name) can make a few "
                      "lines stand for millions of values, so the edition's files may not use them.")
    return True


def _read_within(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes when it opens and holds at most ``max_bytes`` (its size asked of the
    open file: one system call fewer than ``stat`` then ``read_bytes``); else None."""
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > max_bytes:
                return None
            return stream.read()
    except OSError:
        return None


def read_utf8(path: Path, diagnostics: Diagnostics, max_bytes: int = MAX_SOURCE_BYTES,
              real: str | None = None) -> str | None:
    """Read a text file strictly as UTF-8 (a leading BOM is dropped); report anything else.
    Files outside the project being loaded, and files over ``max_bytes``, are refused.
    ``real`` is the file's real path when the caller knows it (a folder listing does): then
    only a file it puts outside the project is resolved again, to say where it leads."""
    if (real is None or not known_inside_project(real)) and refuse_outside_project(path, diagnostics):
        return None
    data = _read_within(path, max_bytes)
    if data is None:  # too large or unreadable: asked again the long way, which says which
        try:
            if refuse_oversized(path, path.stat().st_size, max_bytes, diagnostics):
                return None
            data = path.read_bytes()
        except OSError as error:
            diagnostics.error(path, 1, 1, f"cannot read file: {error.strerror or error}")
            return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        diagnostics.error(
            path, line, column, f"file is not valid UTF-8 (byte 0x{data[error.start]:02x})"
            + (": it looks like UTF-16" if utf16 else ""),
            "Save the file with UTF-8 encoding.",
        )
        return None
    return text.removeprefix("\ufeff")


def load_yaml_file(path: Path, diagnostics: Diagnostics) -> Any | None:
    text = read_utf8(path, diagnostics)
    if text is None:
        return None
    return load_yaml_text(text, path, diagnostics)


def as_text(value: Any) -> str:
    """Scalars as the editor wrote them: YAML turns 2018-06-12 into a date; we want the string."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)

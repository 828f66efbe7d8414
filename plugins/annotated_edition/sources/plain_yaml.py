"""The plain YAML of front matter, read without PyYAML when it is plain enough; else None.

Every note begins with a few lines of YAML: ``key: value`` pairs, a list of authors and of
sources (each a small mapping), a ``[tag, tag]`` list, dates and quoted quotes. PyYAML (even
with libyaml's parser) spent about 75 microseconds on each, most of a cold load of a large
edition, building tokens, events and nodes for lines this module reads directly. It gives the
very values and positions :func:`.yaml_source.load_yaml_text` gives (``YamlMap`` and
``YamlList`` with 1-based line and column marks as PyYAML sets them), and answers None as soon
as it meets anything it does not read exactly as PyYAML would, which is then left to PyYAML:

- block mappings and block sequences, indented with spaces, whose keys are plain words;
- values on one line: plain scalars that YAML types as strings (or dates, which the loader
  keeps as strings), quoted strings without escapes, and ``[a, b]`` lists of such scalars.

So comments, tabs, multi-line values, escapes, anchors, tags, numbers, booleans and nulls, flow
mappings, empty values and duplicate keys all go to PyYAML, which also words every error. The
property tests in tests/unit/test_plain_yaml.py compare the two on generated front matter.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .yaml_source import YamlList, YamlMap

__all__ = ["load_plain_yaml"]

_STRING_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
# A plain scalar in block context: it starts with no indicator and holds no ": ", " #" or tab.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#\t\n]|:(?! |$)|(?<! )#)*")
# In a flow list, also no "," "[" "]" "{" "}".
_FLOW_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#\t\n,\[\]{}]|:(?! |$|[,\[\]{}])|(?<! )#)*")
_DOUBLE = re.compile(r'"([^"\\\n]*)"')
_SINGLE = re.compile(r"'([^'\n]*)'")
# What PyYAML's reader refuses (it is then PyYAML's to say so), and what only it reads: tabs,
# the other line breaks (carriage return, NEL, the Unicode line and paragraph separators) and
# the byte-order mark.
_UNREAD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")

_resolver = yaml.resolver.Resolver()
_tags: dict[str, str] = {}


class _NotPlain(Exception):
    """Something this module leaves to PyYAML."""


def _is_string(value: str) -> bool:
    """Whether PyYAML types the plain scalar ``value`` as a string (or a date, kept as one)."""
    tag = _tags.get(value)
    if tag is None:
        tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
        if len(_tags) < 10_000:
            _tags[value] = tag
    return tag in _STRING_TAGS


# Each line as (indentation, a dash and the spaces after it, a key and the spaces after its
# colon, the rest): read for every line by one regular expression, not character by character.
_LINE = re.compile(r"^( *)(?:(-)( +|$))?(?:([A-Za-z_][A-Za-z0-9_-]*):( +|$))?(.*)$", re.MULTILINE)

# A line as the reader uses it: (its number, its indentation, the column of what follows its
# dash or -1, its key or "", the column of its key (or of its value when it has none), its
# value without trailing spaces, the value's column).
_Line = tuple[int, int, int, str, int, str, int]


def load_plain_yaml(text: str, line_offset: int = 0) -> YamlMap | None:
    """The mapping ``text`` holds, as :func:`.yaml_source.load_yaml_text` loads it, or None
    when ``text`` is not plain enough to be read here (then PyYAML reads it)."""
    if not text or _UNREAD.search(text) is not None:
        return None
    lines: list[_Line] = []
    for number, (indent, dash, after_dash, key, after_colon, rest) in enumerate(_LINE.findall(text)):
        value = rest.rstrip(" ")
        if not (dash or key or value):
            continue  # a blank line
        column = len(indent)
        item = column + 1 + len(after_dash) if dash else -1
        key_column = item if dash else column
        value_column = key_column + len(key) + 1 + len(after_colon) if key else key_column
        lines.append((number, column, item, key, key_column, value, value_column))
    reader = _Reader(lines, line_offset)
    try:
        if not lines or lines[0][1] != 0 or lines[0][2] >= 0 or not lines[0][3]:
            raise _NotPlain
        mapping, end = reader.mapping(0, 0)
        if end != len(lines):
            raise _NotPlain  # something left, less indented than a mapping can be
    except _NotPlain:
        return None
    return mapping


class _Reader:
    def __init__(self, lines: list[_Line], line_offset: int) -> None:
        self.lines = lines
        self.line_offset = line_offset

    def mark(self, line: int, column: int) -> tuple[int, int]:
        return line + 1 + self.line_offset, column + 1

    def mapping(self, index: int, column: int) -> tuple[YamlMap, int]:
        """The block mapping whose first key is line ``index``'s, at ``column``, where its other
        keys are too (each alone on its line); and the index of the line after it."""
        data = YamlMap()
        data.position = self.mark(self.lines[index][0], column)
        data.positions = {}
        data.key_positions = {}
        first = True
        while index < len(self.lines):
            number, indent, item, key, key_column, value, value_column = self.lines[index]
            if not first:
                if indent < column:
                    break
                if indent > column or item >= 0:
                    raise _NotPlain
            first = False
            if not key or key in data or not _is_string(key):
                raise _NotPlain
            data.key_positions[key] = self.mark(number, key_column)
            if value:
                data[key] = self.inline(number, value, value_column)
                data.positions[key] = self.mark(number, value_column)
                index += 1
            else:
                data[key], data.positions[key], index = self.nested(index + 1, column)
        return data, index

    def nested(self, index: int, column: int) -> tuple[Any, tuple[int, int], int]:
        """The block value of a key at ``column`` that ends its line, from line ``index``: a
        sequence (which may sit at the key's own indentation) or a more indented mapping. Its
        value, its position and the index of the line after it."""
        if index >= len(self.lines):
            raise _NotPlain  # an empty value: null, left to PyYAML
        number, indent, item, key, key_column, _value, _value_column = self.lines[index]
        if item >= 0 and indent >= column:
            value, end = self.sequence(index, indent)
        elif item < 0 and key and indent > column:
            value, end = self.mapping(index, indent)
        else:
            raise _NotPlain
        return value, self.mark(number, indent), end

    def sequence(self, index: int, indent: int) -> tuple[YamlList, int]:
        """The block sequence whose dashes are indented by ``indent``, from line ``index``."""
        items = YamlList()
        items.position = self.mark(self.lines[index][0], indent)
        items.positions = []
        while index < len(self.lines) and self.lines[index][1] == indent and self.lines[index][2] >= 0:
            number, _indent, item, key, _key_column, value, value_column = self.lines[index]
            if key:
                entry, index = self.mapping(index, item)
            elif value:
                entry = self.inline(number, value, value_column)
                index += 1
            else:
                raise _NotPlain  # a block inside the item
            items.append(entry)
            items.positions.append(self.mark(number, item))
        # A line after the items more indented than their dashes (a value continued) is the
        # caller's to refuse: it is more indented than the caller's keys too.
        return items, index

    def inline(self, number: int, value: str, column: int) -> Any:
        """The one-line value ``value`` at (``number``, ``column``): a string or a list of strings.
        A value continued on the next line is refused by the caller, which sees a line more
        indented than its keys or items."""
        first = value[0]
        if first == "[":
            return self.flow_list(number, value, column)
        if first == '"' or first == "'":
            quoted = (_DOUBLE if first == '"' else _SINGLE).fullmatch(value)
            if quoted is None:
                raise _NotPlain
            return quoted.group(1)
        if _PLAIN.fullmatch(value) is None or not _is_string(value):
            raise _NotPlain
        return value

    def flow_list(self, number: int, value: str, column: int) -> YamlList:
        """``[a, b]`` at (``number``, ``column``), its items plain strings."""
        items = YamlList()
        items.position = self.mark(number, column)
        items.positions = []
        position = _after_spaces(value, 1)
        if value.startswith("]", position):
            return _closed(items, value, position)
        while True:
            item = _FLOW_PLAIN.match(value, position)
            if item is None:
                raise _NotPlain
            text = item.group(0).rstrip(" ")
            if not _is_string(text):
                raise _NotPlain
            items.append(text)
            items.positions.append(self.mark(number, column + position))
            position = _after_spaces(value, item.start() + len(text))
            if value.startswith("]", position):
                return _closed(items, value, position)
            if not value.startswith(",", position):
                raise _NotPlain
            position = _after_spaces(value, position + 1)


def _after_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] == " ":
        position += 1
    return position


def _closed(items: YamlList, value: str, bracket: int) -> YamlList:
    """``items``, if the list's closing bracket at ``bracket`` ends the value."""
    if bracket + 1 != len(value):
        raise _NotPlain
    return items

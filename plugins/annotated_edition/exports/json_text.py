"""The exports' one JSON layout (keys sorted, two-space indent, UTF-8 text), written fast.

``json.dumps`` with ``indent`` cannot use CPython's C encoder and walks the data in Python, one
generator per nesting level: a large edition's exports spend more time there than in being
made. This writer gives the very same text (a property test compares the two on arbitrary
data) with one list of pieces and the C string encoder; for anything but plain JSON data it
hands over to ``json.dumps``.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps_sorted"]


class _NotPlain(Exception):
    """The data holds something only ``json.dumps`` knows how to write (or refuse)."""


def _float(value: float) -> str:
    # As json.encoder.floatstr with allow_nan: repr, and the JavaScript names of the specials.
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _write(value: Any, level: int, indent: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = "\n" + indent * (level + 1)
        out.append("[")
        for index, item in enumerate(value):
            out.append(inner if index == 0 else "," + inner)
            _write(item, level + 1, indent, out)
        out.append("\n" + indent * level + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        if not all(type(key) is str for key in value):
            raise _NotPlain  # json converts and sorts other keys by rules of its own
        inner = "\n" + indent * (level + 1)
        out.append("{")
        for index, key in enumerate(sorted(value)):
            out.append(inner if index == 0 else "," + inner)
            out.append(encode_basestring(key))
            out.append(": ")
            _write(value[key], level + 1, indent, out)
        out.append("\n" + indent * level + "}")
    else:
        raise _NotPlain


def dumps_sorted(data: Any, indent: int = 2) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True)``, faster."""
    out: list[str] = []
    try:
        _write(data, 0, " " * indent, out)
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True)
    return "".join(out)

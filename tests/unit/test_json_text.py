"""The exports' fast JSON writer gives exactly what ``json.dumps(..., ensure_ascii=False,
indent=2, sort_keys=True)`` gives, on arbitrary JSON data and on a real export."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_edition.exports.json_text import dumps_sorted

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
_JSON = st.recursive(_SCALARS, lambda children: st.lists(children, max_size=4)
                     | st.dictionaries(st.text(max_size=8), children, max_size=4), max_leaves=30)


def _reference(data: object, indent: int = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_same_text_as_json_dumps(data: object) -> None:
    assert dumps_sorted(data) == _reference(data)


def test_tuples_specials_and_other_keys() -> None:
    for data in [(1, "a"), [math.inf, -math.inf], {"b": [], "a": {}}, {1: "x", 2: "y", 3.5: None}, {False: 0, True: 1}, "é ↩ \u2028 \"q\" \x00",
                 {"nested": [{"z": None, "y": True}]}, 10 ** 30, -0.0]:
        assert dumps_sorted(data) == _reference(data)
    assert dumps_sorted({"a": [1]}, indent=4) == _reference({"a": [1]}, indent=4)


def test_something_json_refuses_is_refused_the_same_way() -> None:
    try:
        _reference({"a": object()})
    except TypeError as expected:
        message = str(expected)
    try:
        dumps_sorted({"a": object()})
    except TypeError as error:
        assert str(error) == message
    else:
        raise AssertionError("dumps_sorted accepted an object json refuses")

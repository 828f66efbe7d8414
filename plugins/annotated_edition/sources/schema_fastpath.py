"""A quick yes/no answer to "is this data valid against that schema?", for the common case.

``jsonschema`` takes about 0.3 ms to validate one note's front matter; with thousands of notes
that was a third of the plugin's time. Almost every file is valid, so we first ask a checker
compiled from the same schema, which answers in microseconds. Only when it says "invalid" does
:mod:`.schema_check` run ``jsonschema`` to find and word every problem. The schemas stay the
single source of truth: nothing here restates a rule.

The compiler knows a small set of keywords (those our schemas use). A schema with any other
validation keyword compiles to ``None`` — no fast path — so an unfamiliar keyword can never be
skipped silently. tests/unit/test_schema_fastpath.py checks, on generated data, that this
checker and ``jsonschema`` agree.
"""

from __future__ import annotations

import re
from typing import Any, Callable

__all__ = ["compile_checker"]

Check = Callable[[Any], bool]

# Keywords that do not constrain the data.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"})
_SUPPORTED = frozenset({"$ref", "type", "required", "additionalProperties", "properties", "items",
                        "prefixItems", "minItems", "maxItems", "minLength", "pattern", "enum", "const",
                        "minimum", "not", "oneOf", "dependentRequired"}) | _ANNOTATIONS


class _Unsupported(Exception):
    """The schema uses something the fast path does not handle; use jsonschema alone."""


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    raise _Unsupported(f"type {name!r}")


def _json_equal(one: Any, other: Any) -> bool:
    """Equality of JSON values: true is not 1 (at any depth), while 1 equals 1.0."""
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_json_equal(one[k], other[k]) for k in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(map(_json_equal, one, other))
    if isinstance(one, (dict, list)) or isinstance(other, (dict, list)):
        return False
    return one == other


def _enum_member(value: Any, options: list[Any]) -> bool:
    return any(_json_equal(value, option) for option in options)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type_check(declared: str | list[str]) -> Check:
    names = tuple(declared if isinstance(declared, list) else [declared])
    for name in names:
        _is_type(None, name)  # an unknown type name is found now, not while checking
    if names == ("string",):
        return lambda value: isinstance(value, str)
    if names == ("object",):
        return lambda value: isinstance(value, dict)
    if names == ("array",):
        return lambda value: isinstance(value, list)
    return lambda value: any(_is_type(value, name) for name in names)


# The combinators below loop explicitly: this runs once per value of every note, and a plain
# loop costs a fraction of all() over a generator.

def _items_check(item_check: Check, start: int = 0) -> Check:
    def check(value: Any) -> bool:
        if isinstance(value, list):
            for item in value[start:] if start else value:
                if not item_check(item):
                    return False
        return True
    return check


def _prefix_items_check(prefix: tuple[Check, ...]) -> Check:
    def check(value: Any) -> bool:
        if isinstance(value, list):
            for item_check, item in zip(prefix, value):
                if not item_check(item):
                    return False
        return True
    return check


def _properties_check(properties: dict[str, Check]) -> Check:
    pairs = tuple(properties.items())

    def check(value: Any) -> bool:
        if isinstance(value, dict):
            for name, property_check in pairs:
                if name in value and not property_check(value[name]):
                    return False
        return True
    return check


def _additional_check(known: frozenset[str], extra_check: Check) -> Check:
    def check(value: Any) -> bool:
        if isinstance(value, dict):
            for name, item in value.items():
                if name not in known and not extra_check(item):
                    return False
        return True
    return check


def _all_of(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    frozen = tuple(checks)

    def check(value: Any) -> bool:
        for one in frozen:
            if not one(value):
                return False
        return True
    return check


class _Compiler:
    def __init__(self, resolve: Callable[[str, dict[str, Any]], tuple[Any, dict[str, Any]]]) -> None:
        self.resolve = resolve
        self.cache: dict[int, Check] = {}
        self.in_progress: set[int] = set()

    def reference(self, ref: str, base: dict[str, Any]) -> Check:
        target, target_base = self.resolve(ref, base)
        key = id(target)
        if key in self.cache:
            return self.cache[key]
        if key in self.in_progress:  # a recursive schema: look the check up when it runs
            return lambda value: self.cache[key](value)
        self.in_progress.add(key)
        try:
            return self.compile(target, target_base)
        finally:
            self.in_progress.discard(key)

    def compile(self, schema: Any, base: dict[str, Any]) -> Check:
        """``base`` is the schema document ``schema`` sits in: its relative references resolve there."""
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise _Unsupported("schema is not an object")
        key = id(schema)
        if key in self.cache:
            return self.cache[key]
        unknown = set(schema) - _SUPPORTED
        if unknown:
            raise _Unsupported(", ".join(sorted(unknown)))
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(self.reference(schema["$ref"], base))
        if "type" in schema:
            checks.append(_type_check(schema["type"]))
        if "enum" in schema:
            options = list(schema["enum"])
            checks.append(lambda value: _enum_member(value, options))
        if "const" in schema:
            constant = schema["const"]
            checks.append(lambda value: _json_equal(value, constant))
        if "minimum" in schema:
            lowest = schema["minimum"]
            checks.append(lambda value: not _is_number(value) or value >= lowest)
        if "maxItems" in schema:
            most = schema["maxItems"]
            checks.append(lambda value: not isinstance(value, list) or len(value) <= most)
        if "not" in schema:
            negated = self.compile(schema["not"], base)
            checks.append(lambda value: not negated(value))
        if "oneOf" in schema:
            alternatives = tuple(self.compile(sub, base) for sub in schema["oneOf"])
            checks.append(lambda value: sum(1 for alternative in alternatives if alternative(value)) == 1)
        if "dependentRequired" in schema:
            dependencies = {name: tuple(needed) for name, needed in schema["dependentRequired"].items()}
            checks.append(lambda value: not isinstance(value, dict) or all(
                all(other in value for other in needed) for name, needed in dependencies.items() if name in value))
        if "minLength" in schema:
            shortest = schema["minLength"]
            checks.append(lambda value: not isinstance(value, str) or len(value) >= shortest)
        if "pattern" in schema:
            search = re.compile(schema["pattern"]).search
            checks.append(lambda value: not isinstance(value, str) or search(value) is not None)
        if "minItems" in schema:
            fewest = schema["minItems"]
            checks.append(lambda value: not isinstance(value, list) or len(value) >= fewest)
        prefix = tuple(self.compile(sub, base) for sub in schema.get("prefixItems", ()))
        if prefix:
            checks.append(_prefix_items_check(prefix))
        if "items" in schema:  # in draft 2020-12, "items" covers what "prefixItems" does not
            checks.append(_items_check(self.compile(schema["items"], base), start=len(prefix)))
        if "required" in schema:
            required = tuple(schema["required"])
            checks.append(lambda value: not isinstance(value, dict) or all(name in value for name in required))
        properties = {name: self.compile(sub, base) for name, sub in schema.get("properties", {}).items()}
        if properties:
            checks.append(_properties_check(properties))
        if "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            allowed = frozenset(properties)
            if extra is False:
                checks.append(lambda value: not isinstance(value, dict) or allowed.issuperset(value))
            else:
                checks.append(_additional_check(allowed, self.compile(extra, base)))
        check = _all_of(checks)
        self.cache[key] = check
        return check


def compile_checker(schema: dict[str, Any],
                    resolve: Callable[[str, dict[str, Any]], tuple[Any, dict[str, Any]]]) -> Check | None:
    """A function ``data -> bool`` equivalent to validating against ``schema``, or None when the
    schema uses a keyword this module does not implement. ``resolve(ref, base_schema)`` returns
    the referenced schema and the document it sits in (for its own relative references)."""
    try:
        return _Compiler(resolve).compile(schema, schema)
    except _Unsupported:
        return None

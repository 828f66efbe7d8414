"""Validate loaded YAML against the JSON Schemas in ``schemas/``, reporting each failure at
the line and column of the offending value. The schemas are the single source of truth for
the data formats: the checker, the build and the docs all read them."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import unquote, urljoin

from ..diagnostics import Diagnostics
from .schema_fastpath import compile_checker
from .yaml_source import Position, YamlList, YamlMap

if TYPE_CHECKING:  # jsonschema is imported only to describe a failure (a tenth of a second saved per build)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

__all__ = ["SCHEMA_DIR", "validate", "load_schema", "fast_check", "load_listing", "schema_registry"]

from ..package_files import SCHEMA_DIR


@lru_cache(maxsize=None)
def schema_registry() -> Registry:
    from referencing import Registry, Resource
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator
    return Draft202012Validator(load_schema(name), registry=schema_registry())


@lru_cache(maxsize=None)
def _schemas_by_id() -> dict[str, dict[str, Any]]:
    found = (json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMA_DIR.glob("*.schema.json")))
    return {schema["$id"]: schema for schema in found}


def _resolve(ref: str, base: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """A reference's target, and the schema document it sits in: ``other.schema.json#/$defs/x``
    or ``#/$defs/x``, resolved against the ``$id`` of the schema that holds the reference."""
    document_uri, _, pointer = urljoin(base.get("$id", ""), ref).partition("#")
    document = _schemas_by_id()[document_uri]
    target: Any = document
    for part in (unquote(p).replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]):
        target = target[int(part)] if isinstance(target, list) else target[part]
    return target, document


@lru_cache(maxsize=None)
def fast_check(name: str) -> Callable[[Any], bool] | None:
    """A compiled yes/no check for schema ``name`` (None if it cannot be compiled): a True
    answer is what jsonschema would answer; a False one needs jsonschema to say why."""
    return compile_checker(load_schema(name), _resolve)




def _position_of(data: Any, error: ValidationError) -> Position:
    node = data
    position: Position = getattr(data, "position", (1, 1))
    for part in error.absolute_path:
        if isinstance(node, YamlMap) and isinstance(part, str) and part in node:
            position = node.at(part)
            node = node[part]
        elif isinstance(node, YamlList) and isinstance(part, int) and part < len(node):
            position = node.at(part)
            node = node[part]
        else:
            break
    if error.validator == "additionalProperties" and isinstance(node, YamlMap):
        allowed = error.schema.get("properties", {})
        extra = [key for key in node if key not in allowed]
        if extra:
            position = node.key_positions.get(extra[0], position)
    return position


def _where(error: ValidationError) -> str:
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in error.absolute_path]
    return ".".join(parts).replace(".[", "[") or "front matter"


# What each JSON type is called in a contributor's terms (YAML, not Python or JSON Schema).
_KINDS = {
    "string": "text", "array": "a list (items on lines starting with '- ', or [a, b])",
    "object": "a group of fields ('name: value' lines, indented)", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "empty",
}


def _kind_of(value: Any) -> str:
    """What a loaded YAML value is, in plain words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "a value of another kind"


def _message(error: ValidationError) -> str:
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field '{missing}'"
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"{error.message} (allowed: {allowed})"
    if error.validator == "type":
        expected = _KINDS.get(str(error.validator_value), str(error.validator_value))
        if error.instance is None:
            return f"'{_where(error)}' is empty; it must be {expected}"
        quote_it = (" (put the value in quotes)" if error.validator_value == "string"
                    and isinstance(error.instance, (int, float, bool)) else "")
        return f"'{_where(error)}' must be {expected}, not {_kind_of(error.instance)}{quote_it}"
    if error.validator in ("pattern", "minLength") and isinstance(error.instance, str) and not error.instance.strip():
        return f"'{_where(error)}' must not be empty"
    if error.validator == "pattern":
        # The schema's description says in words what the pattern requires; the pattern itself
        # (a regular expression) is never shown to a contributor.
        described = error.schema.get("description", "a value of another form (see the data formats page)")
        return f"'{_where(error)}' is {error.instance!r}; expected: {described.rstrip('.')}"
    if error.validator == "minItems":
        return f"'{_where(error)}' needs at least {error.validator_value} item(s)"
    if error.validator == "enum":
        return f"'{_where(error)}' is {error.instance!r}; expected one of: {', '.join(map(str, error.validator_value))}"
    return f"'{_where(error)}': {error.message}"


def validate(data: Any, schema: str, path: Path, diagnostics: Diagnostics) -> bool:
    """Record every schema failure; return True when ``data`` is valid."""
    fast = fast_check(schema)
    if fast is not None and fast(data):
        return True  # the common case; jsonschema runs only to describe what is wrong
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    reported: set[tuple[int, int, str]] = set()
    for error in errors:
        line, column = _position_of(data, error)
        message = _message(error)
        # An empty string breaks both minLength and pattern: say so once.
        if (line, column, message) in reported:
            continue
        reported.add((line, column, message))
        rule = "/".join(str(p) for p in error.schema_path)
        diagnostics.error(path, line, column, message, f"schema rule: {schema}.schema.json {rule}")
    return not errors


def load_listing(path: Path, key: str, schema: str, diagnostics: Diagnostics) -> YamlList | None:
    """Load a data file that is a mapping holding one list under ``key`` (``crossrefs:``,
    ``entities:``, ``events:``) and check it against ``schema``. A missing file is an empty
    list; any problem is recorded and gives None."""
    if not path.exists():
        return YamlList()
    found = Diagnostics()

    def check(data: Any) -> bool:
        if data is not None and not isinstance(data, YamlMap):
            found.error(path, 1, 1, f"{path.name} must be a mapping with a '{key}' list",
                        f"Start the file with '{key}:' and list one item per entry.")
        elif data is not None:
            validate(data, schema, path, found)
        return not found and data is not None

    # Parsed and checked once per text when the checker remembers data files (data_file_memo.py).
    from .data_file_memo import load_checked  # imported late: it imports this module
    data, _passed = load_checked(path, schema, found, check)
    diagnostics.extend(found)
    return None if found or data is None else data[key]

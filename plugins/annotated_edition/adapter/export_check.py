"""Each export is checked against its JSON Schema before it is written: a quick compiled check,
and ``jsonschema`` only to explain a failure (it takes seconds on a large edition)."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from ..sources.schema_check import fast_check, load_schema

__all__ = ["check_export"]


def check_export(path: str, schema: str, data: object) -> None:
    fast = fast_check(schema)
    if fast is not None and fast(data):
        return
    from jsonschema import Draft202012Validator  # imported only to explain a failure
    errors = list(Draft202012Validator(load_schema(schema)).iter_errors(data))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path)
        raise PluginError(f"annotated-edition: {path} does not follow {schema}.schema.json at '{where}': "
                          f"{first.message}")

"""PyYAML's own reading of a YAML text, with positions, and a comparison that includes them: the
oracle for the engine's fast ways of loading YAML (sources/yaml_source.py's direct walk and
sources/plain_yaml.py). Shared by test_fast_paths.py and test_plain_yaml.py."""

from __future__ import annotations

from typing import Any

import yaml

from annotated_edition.sources import yaml_source


def pyyaml_load(text: str, line_offset: int = 0) -> Any:
    """The locating loader, through PyYAML's generic constructor (no fast path of ours)."""
    base = yaml_source._make_loader(line_offset, yaml.SafeLoader)

    class Generic(base):  # type: ignore[valid-type,misc]
        def construct_document(self, node: yaml.Node) -> Any:
            return yaml.SafeLoader.construct_document(self, node)
    return yaml.load(text, Loader=Generic)  # noqa: S506 - a SafeLoader subclass


def same_with_positions(a: Any, b: Any) -> bool:
    """Equal values of equal types, and every mapping and list at the same positions."""
    if type(a) is not type(b):
        return False
    if isinstance(a, yaml_source.YamlMap):
        return (a.position, a.positions, a.key_positions, list(a)) == (b.position, b.positions, b.key_positions, list(b)) \
            and all(same_with_positions(a[k], b[k]) for k in a)
    if isinstance(a, yaml_source.YamlList):
        return (a.position, a.positions, len(a)) == (b.position, b.positions, len(b)) \
            and all(map(same_with_positions, a, b))
    return a == b

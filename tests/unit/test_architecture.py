"""The package's folders are the pipeline (design.md §3), and the rules that keep them so are
checked here by reading the sources: only ``adapter/`` imports MkDocs, and data flows one way,
sources → model → notes/links → render/exports → adapter, with tools/ beside the adapter."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "annotated_edition"
# Rank of each stage; a module may import only from stages of equal or lower rank.
# Top-level modules are the small shared pieces (model, links, urls, diagnostics, settings...).
STAGES = {"": 0, "sources": 1, "notes": 2, "render": 3, "exports": 3, "adapter": 4, "tools": 4}
# The facade re-exports the public API, so it sits above everything it names.
FACADE = {"__init__.py", "__main__.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _stage(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports, absolute and dotted, with the line it is imported on."""
    return _imports_in(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE))


def _imports_in(source: str, relative: Path) -> list[tuple[str, int]]:
    package = ["annotated_edition", *relative.parent.parts]
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, node.lineno))
    return found


def test_the_package_has_one_folder_per_stage() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == {"sources", "notes", "render", "exports", "adapter", "tools"}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_adapter_imports_mkdocs(path: Path) -> None:
    if _stage(path) == "adapter":
        return
    offending = [(m, line) for m, line in _imports(path) if m == "mkdocs" or m.startswith("mkdocs.")]
    assert not offending, f"{path.relative_to(PACKAGE)} imports MkDocs: {offending}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_data_flows_one_way(path: Path) -> None:
    if path.name in FACADE and _stage(path) == "":
        return
    own = STAGES[_stage(path)]
    for module, line in _imports(path):
        parts = module.split(".")
        if parts[0] != "annotated_edition" or len(parts) < 2:
            continue
        target = parts[1] if parts[1] in STAGES else ""
        assert STAGES[target] <= own, (
            f"{path.relative_to(PACKAGE)}:{line} imports {module}: a '{_stage(path) or 'top-level'}' module may "
            f"not import from '{target or 'top-level'}' (data flows sources → notes → render/exports → adapter)")


def test_the_import_reader_resolves_relative_imports() -> None:
    """A sources module climbing into render, and a MkDocs import, are both seen for what they are."""
    found = dict(_imports_in("from ..render.context import RenderContext\nimport mkdocs.plugins\n"
                             "from .anchoring import find_quote\n", Path("sources/x.py")))
    assert set(found) == {"annotated_edition.render.context", "mkdocs.plugins", "annotated_edition.sources.anchoring"}


def _test_files() -> list[Path]:
    return sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "scripts").glob("*.py"))


@pytest.mark.parametrize("path", _test_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_tests_and_scripts_use_public_names(path: Path) -> None:
    """Tests drive the engine through the facade or a module's public names, so that the
    engine's insides can change without rewriting its tests."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [(node.lineno, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               and (node.module or "").startswith("annotated_edition")
               for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert not private, f"{path.relative_to(ROOT)} imports private names: {private}"

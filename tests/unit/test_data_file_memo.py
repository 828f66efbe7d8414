"""Data files parsed and schema-checked once per text, remembered by the checker
(sources/data_file_memo.py); and every case of the broken-input matrix checked with the store
of results filled by a clean check before the breakage, against a check without any store.

As for the other memos: a hit gives what loading gives, positions included; each part of the key
gives a miss; a damaged entry is ignored and rewritten; a file with any problem is never
stored; two checks at once both succeed and fill one store."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from broken_inputs import CASES, MATRIX_NOTE, BrokenInput, write_note
from conftest import copy_project
from at_once import exit_codes_at_once

from annotated_edition.diagnostics import Diagnostics
from annotated_edition.sources import citation_check
from annotated_edition.sources.data_file_memo import DataFiles, data_file_key, load_checked, remembering_data_files
from annotated_edition.sources.front_matter_memo import encode_value
from annotated_edition.sources.schema_check import validate
from annotated_edition.sources.yaml_source import YamlMap, load_yaml_file
from annotated_edition.stored_results import ResultStore
from annotated_edition.tools.checker import run_check
from annotated_edition.tools.project_config import edition_config_for

_SIDECAR = "source_texts/singapore-2018.yml"


def _checker(path: Path, found: Diagnostics, calls: list[Any]) -> Any:
    def check(value: Any) -> bool:
        calls.append(value)
        return isinstance(value, YamlMap) and validate(value, "document", path, found)
    return check


def _load(path: Path, store: ResultStore | None) -> tuple[Any, bool, Diagnostics, int, DataFiles | None]:
    found, calls = Diagnostics(), []  # type: ignore[var-annotated]
    with remembering_data_files(store) as memo:
        value, passed = load_checked(path, "document", found, _checker(path, found, calls))
    return value, passed, found, len(calls), memo


def test_a_stored_file_is_the_loaded_file(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    sidecar = root / _SIDECAR
    plain = load_yaml_file(sidecar, Diagnostics())
    value, passed, found, checks, memo = _load(sidecar, None)
    assert passed and not found and checks == 1 and memo is None
    assert encode_value(value) == encode_value(plain)
    first = _load(sidecar, ResultStore(tmp_path / "store"))
    assert first[1] and first[3] == 1 and first[4] is not None and first[4].hits == 0
    second = _load(sidecar, ResultStore(tmp_path / "store"))
    assert second[1] and not second[2] and second[3] == 0, "read from the store, not checked again"
    assert second[4] is not None and second[4].hits == 1
    # The same values at the same positions (the diagnostics of later checks point at them).
    assert encode_value(second[0]) == encode_value(plain)
    assert second[0] == plain


@pytest.mark.parametrize("change", ["text", "schema", "engine"])
def test_each_part_of_the_key_gives_a_miss(change: str) -> None:
    original = data_file_key("id: x\n", "document", engine="e1")
    assert original == data_file_key("id: x\n", "document", engine="e1")
    changed = {"text": data_file_key("id: y\n", "document", engine="e1"),
               "schema": data_file_key("id: x\n", "timeline", engine="e1"),
               "engine": data_file_key("id: x\n", "document", engine="e2")}[change]
    assert changed != original


def test_a_file_with_a_problem_is_never_stored(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    sidecar = root / _SIDECAR
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(text.replace("language: en", "language: 12", 1), encoding="utf-8")
    for _ in range(2):
        value, passed, found, checks, memo = _load(sidecar, ResultStore(tmp_path / "store"))
        assert not passed and found and checks == 1 and memo is not None and memo.hits == 0
    assert not sqlite3.connect(ResultStore(tmp_path / "store").path).execute("SELECT key FROM results").fetchall()


@pytest.mark.parametrize("damage", [b"{not json", b'{"key": "KEY", "value": {"M": [[1], []]}}',
                                    b'{"key": "KEY", "value": "a string, not a mapping"}',
                                    b'{"key": "other", "value": 1}'])
def test_a_damaged_entry_is_loaded_again_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    root = copy_project(tmp_path / "project")
    sidecar = root / _SIDECAR
    store = tmp_path / "store"
    plain = _load(sidecar, ResultStore(store))[0]
    key = data_file_key(sidecar.read_text(encoding="utf-8"), "document")
    connection = sqlite3.connect(ResultStore(store).path)
    with connection:
        connection.execute("UPDATE results SET entry = ? WHERE key = ?", (damage.replace(b"KEY", key.encode()), key))
    connection.close()
    value, passed, found, checks, memo = _load(sidecar, ResultStore(store))
    assert passed and not found and checks == 1 and memo is not None and memo.hits == 0, "loaded and checked again"
    assert encode_value(value) == encode_value(plain)
    healed = _load(sidecar, ResultStore(store))
    assert healed[3] == 0 and healed[4] is not None and healed[4].hits == 1, "and rewritten"


def _report(root: Path, cache: bool = True) -> list[str]:
    config = edition_config_for(root)
    if not cache:
        config = dataclasses.replace(config, cache_dir="")
    citation_check._WITHOUT_WARNINGS.clear()  # each check as in a new process
    return [problem.format(root) for problem in run_check(config).problems]


def _check_in_child(root: str, ready: Any) -> None:
    ready.wait()
    assert run_check(edition_config_for(Path(root))).ok


def test_two_checks_at_once_store_the_data_files(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    assert exit_codes_at_once(_check_in_child, [(str(root),) for _ in range(2)], timeout=300) == [0, 0]
    _value, _passed, _found, checks, memo = _load(root / _SIDECAR, ResultStore(edition_config_for(root).cache_path))
    assert checks == 0 and memo is not None and memo.hits == 1


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_broken_input_is_reported_the_same_after_a_clean_check(tmp_path: Path, case: BrokenInput) -> None:
    """Every memo of the checker filled by a clean check, then one breakage: what a check with
    the store reports is what a check without one reports (and again, once it stored what
    it could)."""
    root = copy_project(tmp_path / case.id / case.project_name)
    write_note(root)  # the matrix note as it is before most breakages: stored clean
    assert _report(root) == []
    (root / MATRIX_NOTE).unlink()  # each case writes it again, as it needs
    case.apply(root)
    plain = _report(root, cache=False)
    assert (plain == []) == (case.outcome == "ok"), plain
    assert _report(root) == plain
    assert _report(root) == plain

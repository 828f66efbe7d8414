"""The persistent store of results of pure steps (stored_results.py) and its two users: notes'
front matter loaded and checked (sources/front_matter_memo.py) and the fragment links of a
note's published HTML that lead nowhere (notes/unresolved_memo.py).

As for the note cache: a hit returns what computing returns; each part of the key gives a miss
when it changes; a damaged entry or database is ignored and rewritten; two processes filling
one store at once both succeed. And the diagnostics of a check are the same, problem for
problem, with an empty store, a filled one, and none at all."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_project
from at_once import exit_codes_at_once
from note_breakages import BREAKAGES, Breakage, write_good_note

from annotated_edition.diagnostics import Diagnostics
from annotated_edition.notes.links import unresolved_fragments
from annotated_edition.notes.unresolved_memo import UnresolvedLinks, unresolved_key
from annotated_edition.sources.front_matter_memo import (FrontMatters, decode_value, encode_value,
                                                         front_matter_key)
from annotated_edition.sources.yaml_source import YamlList, YamlMap, load_yaml_text
from annotated_edition.stored_results import ResultStore, code_version, result_key
from annotated_edition.tools.checker import run_check
from annotated_edition.tools.project_config import edition_config_for

FRONT = """\
target: singapore-2018/point-2
quote: "lasting and stable peace regime"
title: A note
authors:
  - name: Test Author
    url: https://example.org/author
date: 2026-01-15
sources:
  - id: one
    title: Joint Statement
    publisher: The White House
    date: 2018-06-12
tags: [peace-regime, summit]
"""
HTML = ('<p>See <a href="#note-a-fn-1">one</a>, <a href="#note-a-gone">gone</a>.</p>'
        '<ol><li id="note-a-fn-1">A footnote.</li></ol>')
PATH = Path("note.md")


# --- the store -------------------------------------------------------------------------------

def test_a_value_is_read_back_as_stored(tmp_path: Path) -> None:
    ResultStore(tmp_path).put_many({"k1": ["#a", "#b"], "k2": {"x": [1, 2.5, None, True]}})
    store = ResultStore(tmp_path)
    assert store.get_many(["k1", "k2", "k3"]) == {"k1": ["#a", "#b"], "k2": {"x": [1, 2.5, None, True]}}
    assert (store.hits, store.misses) == (2, 1)


@pytest.mark.parametrize("change", ["step", "engine", "data", "settings"])
def test_each_part_of_a_key_gives_a_miss(tmp_path: Path, change: str) -> None:
    original = result_key("step", "engine-1", "input", option=1)
    assert original == result_key("step", "engine-1", "input", option=1), "the key is deterministic"
    changed = {"step": result_key("other-step", "engine-1", "input", option=1),
               "engine": result_key("step", "engine-2", "input", option=1),
               "data": result_key("step", "engine-1", "input.", option=1),
               "settings": result_key("step", "engine-1", "input", option=2)}[change]
    assert changed != original
    store = ResultStore(tmp_path)
    store.put_many({original: "value"})
    assert store.get_many([changed]) == {}


def test_the_engine_version_follows_the_code() -> None:
    version = code_version("html_links.py")
    package, _, digest = version.partition("+")
    assert package and len(digest) == 16
    assert code_version("html_links.py") != code_version("notes/links.py")


def _damage(database: Path, entry: bytes | None = None) -> None:
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("UPDATE results SET entry = ?", (entry,) if entry is not None else (b"",))
    connection.close()


_DAMAGES = [b"{not json", b'{"key": "another", "value": 1}', b"\xff\xfe", b'{"key": "KEY"}']


@pytest.mark.parametrize("damage", _DAMAGES, ids=["truncated", "wrong-key", "not-utf8", "no-value"])
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    ResultStore(tmp_path).put_many({"KEY": "value"})
    _damage(ResultStore(tmp_path).path, damage)
    assert ResultStore(tmp_path).get_many(["KEY"]) == {}


def test_a_file_that_is_not_a_database_is_replaced(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    store.path.write_bytes(b"this is not an SQLite database" * 100)
    store.put_many({"k": 1})
    assert store.available and store.writes == 1
    assert ResultStore(tmp_path).get_many(["k"]) == {"k": 1}


def test_an_unwritable_folder_costs_only_the_store(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    store = ResultStore(blocker / "cache")
    store.put_many({"k": 1})
    assert store.get_many(["k"]) == {} and not store.available
    assert UnresolvedLinks(ResultStore(blocker / "cache")).answers([HTML]) == [("#note-a-gone",)]


def _fill(folder: str, start: int, ready: Any) -> None:
    """One run: wait for the other, then store 300 results (half shared with it) in batches."""
    ready.wait()
    store = ResultStore(Path(folder))
    for batch in range(start, start + 300, 30):
        store.put_many({f"key-{n}": [f"#value-{n}"] for n in range(batch, batch + 30)})
        assert store.get_many([f"key-{batch}"]) == {f"key-{batch}": [f"#value-{batch}"]}
    assert store.available


def test_two_processes_filling_one_store_at_once(tmp_path: Path) -> None:
    assert exit_codes_at_once(_fill, [(str(tmp_path), start) for start in (0, 150)], timeout=120) == [0, 0]
    found = ResultStore(tmp_path).get_many(f"key-{n}" for n in range(450))
    assert found == {f"key-{n}": [f"#value-{n}"] for n in range(450)}, "every entry of both runs is whole"


# --- unresolved fragment links -----------------------------------------------------------------

def test_unresolved_links_hit_miss_and_damage(tmp_path: Path) -> None:
    first = UnresolvedLinks(ResultStore(tmp_path))
    assert first.answers([HTML]) == [tuple(unresolved_fragments(HTML))] == [("#note-a-gone",)]
    assert first.computed == 1

    again = UnresolvedLinks(ResultStore(tmp_path))
    assert again.answers([HTML, HTML + '<a href="#x">x</a>']) == [("#note-a-gone",), ("#note-a-gone", "#x")]
    assert again.computed == 1, "the same HTML was read from the store, the other computed"

    # A stored answer of the wrong shape is not used, and is rewritten.
    key = unresolved_key(HTML)
    connection = sqlite3.connect(ResultStore(tmp_path).path)
    with connection:
        connection.execute("UPDATE results SET entry = ? WHERE key = ?",
                           (f'{{"key": "{key}", "value": [1, 2]}}'.encode(), key))
    connection.close()
    damaged = UnresolvedLinks(ResultStore(tmp_path))
    assert damaged.answers([HTML]) == [("#note-a-gone",)] and damaged.computed == 1
    healed = UnresolvedLinks(ResultStore(tmp_path))
    assert healed.answers([HTML]) == [("#note-a-gone",)] and healed.computed == 0


def test_unresolved_links_key_follows_html_and_engine() -> None:
    assert unresolved_key(HTML) == unresolved_key(HTML)
    assert unresolved_key(HTML) != unresolved_key(HTML + " ")
    assert unresolved_key(HTML) != unresolved_key(HTML, engine="another-engine")


# --- front matter ------------------------------------------------------------------------------

def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types, with the same positions all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, YamlMap):
        return (a.position == b.position and a.positions == b.positions and a.key_positions == b.key_positions
                and list(a) == list(b) and all(_same(a[key], b[key]) for key in a))
    if isinstance(a, YamlList):
        return (a.position == b.position and a.positions == b.positions and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b)))
    return a == b or (a != a and b != b)


def _load(fronts: FrontMatters, text: str) -> tuple[Any, bool, Diagnostics]:
    found = Diagnostics()
    value, known_valid = fronts.load(text, PATH, found)
    if not found and isinstance(value, YamlMap) and not known_valid:
        known_valid = fronts.check(text, value, PATH, found)
    return value, known_valid, found


def test_front_matter_hit_is_the_loaded_value(tmp_path: Path) -> None:
    first = FrontMatters(ResultStore(tmp_path))
    value, valid, found = _load(first, FRONT)
    assert valid and not found and first.loaded == 1
    first.flush()

    second = FrontMatters(ResultStore(tmp_path))
    second.prefetch([(FRONT, 1)])
    stored, known_valid, found = _load(second, FRONT)
    assert known_valid and not found and second.loaded == 0, "read from the store, not parsed"
    assert _same(stored, value) and _same(stored, load_yaml_text(FRONT, PATH, Diagnostics(), line_offset=1))


def test_front_matter_with_a_problem_is_never_stored(tmp_path: Path) -> None:
    broken = [FRONT.replace("date: 2026-01-15\n", ""), FRONT.replace("title: A note", "title: [unclosed"),
              FRONT.replace("tags: [peace-regime, summit]", "tags: peace-regime")]
    for text in broken:
        fronts = FrontMatters(ResultStore(tmp_path))
        _value, valid, found = _load(fronts, text)
        assert not valid or found
        fronts.flush()
        again = FrontMatters(ResultStore(tmp_path))
        _value, valid_again, found_again = _load(again, text)
        assert again.loaded == 1, "loaded again, not read from the store"
        assert [str(d) for d in found_again.sorted()] == [str(d) for d in found.sorted()]
    assert ResultStore(tmp_path).get_many(front_matter_key(text, 1) for text in broken) == {}


@pytest.mark.parametrize("change", ["text", "line_offset", "settings", "engine"])
def test_each_part_of_the_front_matter_key_gives_a_miss(change: str) -> None:
    original = front_matter_key(FRONT, 1)
    changed = {"text": front_matter_key(FRONT + "\n", 1), "line_offset": front_matter_key(FRONT, 2),
               "settings": front_matter_key(FRONT, 1, settings={"schemas": "another"}),
               "engine": front_matter_key(FRONT, 1, engine="another-engine")}[change]
    assert changed != original


@pytest.mark.parametrize("damage", [b"{not json", b'{"key": "KEY", "value": {"M": [[1], []]}}',
                                    b'{"key": "KEY", "value": {"L": [[1, 1], []]}}', b'{"key": "KEY", "value": 3}'],
                         ids=["truncated", "bad-position", "a-list", "a-number"])
def test_a_damaged_front_matter_entry_is_loaded_again_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    fronts = FrontMatters(ResultStore(tmp_path))
    _load(fronts, FRONT)
    fronts.flush()
    key = front_matter_key(FRONT, 1)
    _damage(ResultStore(tmp_path).path, damage.replace(b"KEY", key.encode()))
    damaged = FrontMatters(ResultStore(tmp_path))
    value, valid, found = _load(damaged, FRONT)
    assert damaged.loaded == 1 and valid and not found
    assert _same(value, load_yaml_text(FRONT, PATH, Diagnostics(), line_offset=1))
    damaged.flush()
    healed = FrontMatters(ResultStore(tmp_path))
    _load(healed, FRONT)
    assert healed.loaded == 0, "it was rewritten"


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                     st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_any_loaded_yaml_survives_the_round_trip(value: Any) -> None:
    """Whatever YAML loads to (dumped, then loaded with positions), the stored form decodes to
    the same values, types and positions."""
    loaded = load_yaml_text(yaml.safe_dump({"value": value}), PATH, Diagnostics(), line_offset=1)
    assert _same(decode_value(encode_value(loaded)), loaded)


def test_values_notes_never_load_to_are_not_stored() -> None:
    for value in (b"bytes", {1, 2}, float("nan"), "\ud800"):
        with pytest.raises(ValueError):
            encode_value(value)


# --- a whole check (make check): the same diagnostics with an empty store, a filled one, and none ---

def _diagnostics(root: Path, cache: bool) -> list[str]:
    config = edition_config_for(root)
    if not cache:
        config = dataclasses.replace(config, cache_dir="")
    return [problem.format(root) for problem in run_check(config).problems]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.name)
def test_a_check_reports_the_same_with_and_without_the_store(tmp_path: Path, breakage: Breakage) -> None:
    root = copy_project(tmp_path / "project")
    write_good_note(root)
    assert _diagnostics(root, cache=True) == []  # fills the store with every note's front matter
    breakage.apply(root)
    uncached = _diagnostics(root, cache=False)
    assert uncached, "the breakage is reported"
    assert _diagnostics(root, cache=True) == uncached  # the broken note's front matter is new
    assert _diagnostics(root, cache=True) == uncached  # and was not stored


_WARNINGS = {
    "unresolved_fragment": ("The body of the note [@joint-statement].",
                            "The body of the note [@joint-statement], see [below](#nowhere)."),
    "sanitizer_removal": ("The body of the note [@joint-statement].",
                          "The body <span onclick=\"x()\">of</span> the note [@joint-statement]."),
    "uncited_source": ("tags: [peace-regime]", "  - id: uncited\n    title: Another\n    publisher: P\ntags: [peace-regime]"),
}


@pytest.mark.parametrize("warning", sorted(_WARNINGS))
def test_a_check_warns_the_same_with_and_without_the_store(tmp_path: Path, warning: str) -> None:
    root = copy_project(tmp_path / "project")
    path = write_good_note(root)
    assert _diagnostics(root, cache=True) == []
    old, new = _WARNINGS[warning]
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    uncached = _diagnostics(root, cache=False)
    assert any(": warning: " in line for line in uncached), uncached
    assert _diagnostics(root, cache=True) == uncached
    assert _diagnostics(root, cache=True) == uncached  # now read from the store


def _key_as_written(step: str, engine: str, data: str, **settings: Any) -> str:
    """result_key as first written: the header encoded for every key."""
    import hashlib
    import json
    header = json.dumps({"format": 1, "step": step, "engine": engine, "settings": settings}, sort_keys=True,
                        ensure_ascii=True)
    return hashlib.sha256(header.encode("ascii") + b"\0" + data.encode("utf-8", "surrogatepass")).hexdigest()


@given(st.text(), st.text(max_size=5), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))
def test_a_key_is_the_one_first_written(data: str, step: str, settings: dict[str, str]) -> None:
    from annotated_edition.stored_results import result_key
    assert result_key(step, "e", data, **settings) == _key_as_written(step, "e", data, **settings)
    assert result_key(step, "e", data) == _key_as_written(step, "e", data), "the header made once, the same"


@given(st.lists(st.text(alphabet="a0\0:", max_size=6), min_size=1, max_size=3),
       st.lists(st.text(alphabet="a0\0:", max_size=6), min_size=1, max_size=3))
def test_framed_texts_meet_only_when_all_are_equal(first: list[str], second: list[str]) -> None:
    from annotated_edition.stored_results import framed
    assert (framed(*first) == framed(*second)) == (first == second)

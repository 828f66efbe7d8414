"""The SQLite storage shared by the note cache and the store of results (their own tests cover
damaged entries, garbage files and two processes at once through it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated_edition.sqlite_entries import EntryFile


def test_entries_round_trip_and_replace(tmp_path: Path) -> None:
    entries = EntryFile(tmp_path / "store" / "x.sqlite", "things")
    assert entries.get_raw(["a"]) == {}
    assert entries.put_raw([("a", b"1"), ("b", b"2")])
    assert entries.put_raw([("a", b"3")])
    entries.close()
    again = EntryFile(tmp_path / "store" / "x.sqlite", "things")
    assert again.get_raw(["a", "b", "c", "a"]) == {"a": b"3", "b": b"2"}


def test_many_keys_are_read_in_batches(tmp_path: Path) -> None:
    entries = EntryFile(tmp_path / "x.sqlite", "things")
    assert entries.put_raw((f"k{i}", str(i).encode()) for i in range(1200))
    found = entries.get_raw(f"k{i}" for i in range(1300))
    assert len(found) == 1200 and found["k1199"] == b"1199"


def test_a_place_that_cannot_hold_a_database_makes_it_unavailable(tmp_path: Path) -> None:
    (tmp_path / "x.sqlite").mkdir()  # a folder where the file should be
    entries = EntryFile(tmp_path / "x.sqlite", "things")
    assert entries.put_raw([("a", b"1")]) is False
    assert entries.get_raw(["a"]) == {} and not entries.available


def test_decoded_entries_count_hits_misses_and_writes(tmp_path: Path) -> None:
    entries = EntryFile(tmp_path / "x.sqlite", "things")
    assert entries.put_raw([("good", b"1"), ("bad", b"x")])
    decoded = entries.get_decoded(["good", "bad", "absent"], lambda key, data: int(data) if data.isdigit() else None)
    assert decoded == {"good": 1}
    assert (entries.hits, entries.misses, entries.writes) == (1, 2, 2)


def test_table_names_are_checked() -> None:
    with pytest.raises(ValueError):
        EntryFile(Path("x.sqlite"), "things; DROP TABLE x")

"""The persistent cache of converted note bodies (notes/cache.py, notes/convert.py): a hit
returns what converting returns; each part of the key (body, anchor, the targets of its
``edition:`` links, converter settings, engine version) gives a miss when it changes; a damaged entry or database is ignored and
rewritten; two processes filling one store at once both succeed and leave whole entries."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from at_once import exit_codes_at_once

from annotated_edition.notes.cache import (ConvertedNote, NoteCache, converter_settings, engine_version,
                                           entry_key)
from annotated_edition.notes.convert import NoteBodies, convert_note
from annotated_edition.notes.sanitize import Removal

BODY = "A note with a [link](https://example.org), a footnote[^1] and [a link home](#nowhere).\n\n[^1]: The footnote.\n"
ANCHOR = "note-example"


def _converted_fresh(body: str = BODY, anchor: str = ANCHOR) -> ConvertedNote:
    return convert_note(body, anchor)


def test_a_miss_converts_and_stores_then_a_hit_returns_the_same(tmp_path: Path) -> None:
    first = NoteBodies(NoteCache(tmp_path / "cache"))
    note = first.get(BODY, ANCHOR)
    assert first.converted == 1 and first.cache is not None and first.cache.writes == 1
    assert note == _converted_fresh()
    assert note.unresolved == ("#note-example-nowhere",)

    second = NoteBodies(NoteCache(tmp_path / "cache"))  # another run: nothing in memory
    assert second.get(BODY, ANCHOR) == note
    assert second.converted == 0 and second.cache is not None and second.cache.hits == 1


def test_removals_survive_the_round_trip(tmp_path: Path) -> None:
    body = "Text <script>alert(1)</script> and <span onclick=\"x()\">more</span>.\n"
    stored = NoteBodies(NoteCache(tmp_path)).get(body, ANCHOR)
    assert stored.removed, "the sanitizer should have removed something"
    again = NoteBodies(NoteCache(tmp_path))
    assert again.get(body, ANCHOR) == stored and again.converted == 0
    assert all(isinstance(removal, Removal) for removal in again.get(body, ANCHOR).removed)


@pytest.mark.parametrize("change", ["body", "anchor", "edition_links", "settings", "engine"])
def test_each_part_of_the_key_gives_a_miss(tmp_path: Path, change: str) -> None:
    settings, engine = dict(converter_settings()), engine_version()
    links = (("edition:doc/c1", "../doc/c1.html"),)
    original = entry_key(BODY, ANCHOR, links, settings=settings, engine=engine)
    assert original == entry_key(BODY, ANCHOR, tuple(links), settings=dict(settings), engine=engine), \
        "the key is deterministic"
    changed = {
        "body": lambda: entry_key(BODY + "More.\n", ANCHOR, links, settings=settings, engine=engine),
        "anchor": lambda: entry_key(BODY, "note-other", links, settings=settings, engine=engine),
        "edition_links": lambda: entry_key(BODY, ANCHOR, (("edition:doc/c1", "../doc/c1/"),),
                                           settings=settings, engine=engine),
        "settings": lambda: entry_key(BODY, ANCHOR, links, settings={**settings, "markdown_extensions": ["footnotes"]},
                                      engine=engine),
        "engine": lambda: entry_key(BODY, ANCHOR, links, settings=settings, engine=engine + "-next"),
    }[change]()
    assert changed != original
    cache = NoteCache(tmp_path)
    cache.put(original, _converted_fresh())
    assert cache.get(original) is not None
    assert cache.get(changed) is None


def test_the_engine_version_follows_the_converters_code() -> None:
    """The version names the package and a digest of the converting modules, so editing the
    converter's code invalidates every entry even if nobody bumps the version."""
    version = engine_version()
    package, _, digest = version.partition("+")
    assert package and len(digest) == 16


def test_the_settings_name_markdown_and_the_sanitizer() -> None:
    settings = converter_settings()
    assert "footnotes" in settings["markdown_extensions"]
    assert "a" in settings["allowed_tags"] and "script" not in settings["allowed_tags"]
    assert settings["markdown"] and settings["nh3"]


def _damage(database: Path, key: str, entry: bytes) -> None:
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("UPDATE notes SET entry = ? WHERE key = ?", (entry, key))
    connection.close()


@pytest.mark.parametrize("damage", [b"{not json", b'{"key": "another", "html": "<p>x</p>"}', b"\xff\xfe",
                                    b'{"key": "KEY", "html": 3, "removed": [], "unresolved": []}'],
                         ids=["truncated", "wrong-key", "not-utf8", "wrong-type"])
def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    key = entry_key(BODY, ANCHOR)
    NoteBodies(NoteCache(tmp_path)).get(BODY, ANCHOR)
    _damage(NoteCache(tmp_path).path, key, damage.replace(b"KEY", key.encode()))

    bodies = NoteBodies(NoteCache(tmp_path))
    assert bodies.get(BODY, ANCHOR) == _converted_fresh(), "the damaged entry must not be used"
    assert bodies.converted == 1

    healed = NoteBodies(NoteCache(tmp_path))
    assert healed.get(BODY, ANCHOR) == _converted_fresh() and healed.converted == 0, "it was rewritten"


def test_a_file_that_is_not_a_database_is_replaced(tmp_path: Path) -> None:
    cache = NoteCache(tmp_path)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    cache.path.write_bytes(b"this is not an SQLite database" * 100)
    bodies = NoteBodies(cache)
    assert bodies.get(BODY, ANCHOR) == _converted_fresh()
    assert cache.available and cache.writes == 1
    assert NoteBodies(NoteCache(tmp_path)).get(BODY, ANCHOR) == _converted_fresh()


def test_an_unwritable_folder_costs_only_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    bodies = NoteBodies(NoteCache(blocker / "cache"))
    assert bodies.get(BODY, ANCHOR) == _converted_fresh()
    assert bodies.cache is not None and not bodies.cache.available


def test_prefetch_converts_what_is_missing_and_reads_the_rest(tmp_path: Path) -> None:
    items = [(f"Note number {n}.\n\n- a list\n", f"note-{n}") for n in range(6)]
    NoteBodies(NoteCache(tmp_path)).prefetch(items[:3])
    bodies = NoteBodies(NoteCache(tmp_path))
    bodies.prefetch(items)
    assert bodies.converted == 3
    assert [bodies.get(*item) for item in items] == [convert_note(*item) for item in items]
    assert bodies.converted == 3, "everything was ready after prefetch"


def test_what_the_store_lacks_is_converted_on_demand_and_saved_at_once(tmp_path: Path) -> None:
    items = [(f"Note number {n}.\n\n- a list\n", f"note-{n}") for n in range(4)]
    NoteBodies(NoteCache(tmp_path)).prefetch(items[:1])
    bodies = NoteBodies(NoteCache(tmp_path))
    missing = bodies.read_stored(items)
    assert missing == [(body, anchor, ()) for body, anchor in items[1:]]
    assert [bodies.get(*item) for item in items] == [convert_note(*item) for item in items]
    assert bodies.converted == 3
    assert NoteBodies(NoteCache(tmp_path)).read_stored(items) == missing, "nothing is written before save()"
    bodies.save()
    assert NoteBodies(NoteCache(tmp_path)).read_stored(items) == []


def test_parallel_conversion_gives_what_one_process_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import annotated_edition.notes.convert as convert
    monkeypatch.setattr(convert, "PARALLEL_MINIMUM", 2)
    monkeypatch.setattr(convert, "fork_context", lambda: multiprocessing.get_context("fork"))
    items = [(f"Note *{n}* with a footnote[^a].\n\n[^a]: Here.\n", f"note-{n}") for n in range(40)]
    bodies = NoteBodies(NoteCache(tmp_path), workers=2)
    bodies.prefetch(items)
    assert [bodies.get(*item) for item in items] == [convert_note(*item) for item in items]


def _fill(folder: str, start: int, ready: multiprocessing.synchronize.Barrier) -> int:  # type: ignore[name-defined]
    """One 'build': wait for the other, then convert and store 150 notes (half shared with it)."""
    ready.wait()
    bodies = NoteBodies(NoteCache(Path(folder)))
    items = [(f"Shared or own note {n}.\n", f"note-{n}") for n in range(start, start + 150)]
    bodies.prefetch(items)
    for item in items:
        bodies.get(*item)
    assert bodies.cache is not None and bodies.cache.available
    return bodies.converted


def test_two_processes_filling_one_store_at_once(tmp_path: Path) -> None:
    assert exit_codes_at_once(_fill, [(str(tmp_path), start) for start in (0, 75)], timeout=120) == [0, 0]
    bodies = NoteBodies(NoteCache(tmp_path))
    items = [(f"Shared or own note {n}.\n", f"note-{n}") for n in range(225)]
    bodies.prefetch(items)
    assert bodies.converted == 0, "every entry of both runs is whole and readable"
    assert [bodies.get(*item) for item in items] == [convert_note(*item) for item in items]


def test_the_same_body_with_other_edition_link_targets_is_another_entry(tmp_path: Path) -> None:
    """An ``edition:`` link's URL is written into the HTML (it differs with use_directory_urls,
    or when the clause moves): a stored note must never be served for other targets."""
    body = "See [point 1](edition:doc/c1).\n"
    file_urls = {"edition:doc/c1": "../doc/c1.html"}
    folder_urls = {"edition:doc/c1": "../doc/c1/"}
    NoteBodies(NoteCache(tmp_path)).get(body, ANCHOR, file_urls)
    bodies = NoteBodies(NoteCache(tmp_path))
    assert 'href="../doc/c1.html"' in bodies.get(body, ANCHOR, file_urls).html
    assert bodies.converted == 0, "the same targets: read from the store"
    assert 'href="../doc/c1/"' in bodies.get(body, ANCHOR, folder_urls).html
    assert bodies.converted == 1, "other targets: converted again"
    assert "href" not in bodies.get(body, ANCHOR).html, "without a target the link loses its href"
    assert bodies.get(body, ANCHOR) == convert_note(body, ANCHOR)

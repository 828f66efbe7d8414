"""The memos that make a warm ``make check`` fast: clean note loads (sources/note_load_memo.py)
and whether each has citation warnings, each note's HTML verdict (tools/note_verdicts.py), and
the one-pass folder listing (sources/folder_tree.py) that replaced ``rglob``, made once per load.

As for the note cache and the store of results: a hit gives what computing gives; each part of
a key gives a miss when it changes; a damaged entry is ignored and rewritten; two processes
at once both succeed. The diagnostics of whole checks with and without the store are compared
for every breakage in test_stored_results.py; here, what those do not reach."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_project
from at_once import exit_codes_at_once
from note_breakages import NOTE_REL, write_good_note

from annotated_edition.diagnostics import Diagnostic, Diagnostics
from annotated_edition.engine_digest import engine_digest, package_files
from annotated_edition.model import Note, Ref, SourceRef
from annotated_edition.notes.cache import NoteCache
from annotated_edition.notes.convert import NoteBodies
from annotated_edition.render.context import converted_item
from annotated_edition.sources import commentary
from annotated_edition.sources.edition import check_edition
from annotated_edition.sources import citation_check
from annotated_edition.sources import folder_tree as folder_tree_module
from annotated_edition.sources.folder_tree import folder_tree, shared_listings, within
from annotated_edition.sources.input_guards import outside_project, reading_project
from annotated_edition.sources.yaml_source import read_utf8
from annotated_edition.sources.note_load_memo import (NoteLoads, collecting_load_keys, decode_note, encode_note,
                                                       note_load_key)
from annotated_edition.stored_results import ResultStore
from annotated_edition.tools import note_judging
from annotated_edition.tools.checker import run_check
from annotated_edition.tools.note_verdicts import NoteVerdicts, note_verdict_key, site_files_digest
from annotated_edition.tools.project_config import edition_config_for


def _load(root: Path, store: ResultStore | None) -> tuple[list[Note], Diagnostics, NoteLoads | None]:
    """load_notes as check_edition calls it, returning the NoteLoads it used."""
    config = edition_config_for(root)
    edition, _ = check_edition(dataclasses.replace(config, cache_dir=""))
    assert edition is not None
    used: list[NoteLoads] = []
    original = commentary.NoteLoads

    def spy(*args: object) -> NoteLoads:
        loads = original(*args)  # type: ignore[arg-type]
        used.append(loads)
        return loads

    found = Diagnostics()
    commentary.NoteLoads = spy  # type: ignore[assignment,misc]
    try:
        with reading_project(root):
            all_refs = [str(c.ref) for d in edition.documents.values() for c in d.clauses] + list(edition.documents)
            notes = commentary.load_notes(config.commentary_path, edition.clause, all_refs, found, store)
    finally:
        commentary.NoteLoads = original  # type: ignore[misc]
    return notes, found, used[0] if used else None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project")
    write_good_note(root)
    return root


# --- clean note loads ----------------------------------------------------------------------------

def test_a_stored_note_is_the_loaded_note(project: Path, tmp_path: Path) -> None:
    plain, found, _ = _load(project, None)
    assert plain and not found
    first, _, loads = _load(project, ResultStore(tmp_path / "store"))
    assert loads is not None and loads.hits == 0
    second, found_again, loads = _load(project, ResultStore(tmp_path / "store"))
    assert loads is not None and loads.hits == len(plain), "every note read from the store"
    assert not found_again
    # Equal field by field, and of the same types all the way down (repr shows str against int).
    assert second == first == plain
    assert [repr(note) for note in second] == [repr(note) for note in plain]


@pytest.mark.parametrize("change", ["text", "relative", "clause_text", "engine"])
def test_each_part_of_the_note_load_key_gives_a_miss(change: str) -> None:
    original = note_load_key("text", "doc/clause/slug.md", "clause text", engine="e1")
    assert original == note_load_key("text", "doc/clause/slug.md", "clause text", engine="e1")
    changed = {"text": note_load_key("text ", "doc/clause/slug.md", "clause text", engine="e1"),
               "relative": note_load_key("text", "doc/clause/other.md", "clause text", engine="e1"),
               "clause_text": note_load_key("text", "doc/clause/slug.md", "clause text.", engine="e1"),
               "engine": note_load_key("text", "doc/clause/slug.md", "clause text", engine="e2")}[change]
    assert changed != original


def test_an_edit_of_the_clause_text_loads_the_note_again(project: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    _load(project, ResultStore(store))
    text_file = project / "source_texts/singapore-2018.en.txt"
    text = text_file.read_text(encoding="utf-8")
    # Words before the quote move its span: the stored span must not be reused.
    text_file.write_text(text.replace("lasting and stable peace regime", "a lasting and stable peace regime", 1),
                         encoding="utf-8")
    plain, _, _ = _load(project, None)
    again, _, loads = _load(project, ResultStore(store))
    assert again == plain
    fixture = next(note for note in again if note.slug == "checker-fixture")
    assert loads is not None and loads.hits < len(plain), "notes on the edited clause were loaded again"
    assert fixture.span is not None


NOTE = Note(slug="s", path=Path("/p/s.md"), target=Ref("doc", "clause"), title="T", authors=(), date="2026-01-15",
            sources=(SourceRef("Title", "Publisher", "2018", "https://example.org", "id", "party"),), body="B",
            tags=("a",), quote="q", prefix="", suffix="x", span=(3, 4), body_line=9)


def test_an_entry_is_used_from_the_day_it_was_made_on() -> None:
    day = dt.date(2026, 3, 1)
    entry = encode_note(NOTE, day)
    assert decode_note(entry, "s", NOTE.path, "B", 9, day) == NOTE
    assert decode_note(entry, "s", NOTE.path, "B", 9, day + dt.timedelta(days=400)) == NOTE
    assert decode_note(entry, "s", NOTE.path, "B", 9, day - dt.timedelta(days=1)) is None, "a clock set back"


@pytest.mark.parametrize("damage", [
    lambda e: e.pop("title"), lambda e: e.update(sources=[["only", "three", "fields"]]),
    lambda e: e.update(span=[1, "2"]), lambda e: e.update(checked_on="yesterday"),
    lambda e: e.update(target="doc/clause"), lambda e: e.update(tags=[1])])
def test_a_damaged_note_entry_is_a_miss(damage) -> None:  # type: ignore[no-untyped-def]
    entry = encode_note(NOTE, dt.date(2026, 3, 1))
    damage(entry)
    assert decode_note(entry, "s", NOTE.path, "B", 9, dt.date(2026, 3, 1)) is None


def test_a_damaged_store_is_loaded_again_and_rewritten(project: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    plain, _, _ = _load(project, ResultStore(store))
    connection = sqlite3.connect(ResultStore(store).path)
    with connection:
        connection.execute("UPDATE results SET entry = ?", (b'{"key": "x", "value": 1}',))
    connection.close()
    damaged, _, loads = _load(project, ResultStore(store))
    assert damaged == plain and loads is not None and loads.hits == 0
    healed, _, loads = _load(project, ResultStore(store))
    assert healed == plain and loads is not None and loads.hits == len(plain)


# --- each note's HTML verdict ----------------------------------------------------------------------

def _key(note: Note = NOTE, links: dict[str, str] | None = None, directory_urls: bool = True,
         files: frozenset[str] = frozenset({"a.html"}), engine: str = "e1", loaded_as: str = "") -> str:
    return note_verdict_key(note, links or {}, directory_urls, site_files_digest(files), engine=engine,
                            loaded_as=loaded_as)


@pytest.mark.parametrize("change", ["loaded_as", "edition_links", "directory_urls", "site_files", "engine"])
def test_each_part_of_the_verdict_key_from_the_load_key_gives_a_miss(change: str) -> None:
    def key(**changed: object) -> str:
        return _key(**{"loaded_as": "k1", **changed})  # type: ignore[arg-type]
    assert key() == key()
    changed = {"loaded_as": key(loaded_as="k2"), "edition_links": key(links={"edition:doc": "../doc/"}),
               "directory_urls": key(directory_urls=False), "site_files": key(files=frozenset({"a.html", "b.html"})),
               "engine": key(engine="e2")}[change]
    assert changed != key()
    assert key(note=dataclasses.replace(NOTE, body="other")) == key(), "the load key stands for the note's fields"
    assert key() != _key(), "a key from the fields is never one from a load key"


def test_the_checker_keys_each_verdict_on_the_note_load_key(project: Path) -> None:
    config = edition_config_for(project)
    with collecting_load_keys() as keys:
        edition, _ = check_edition(config)
    assert edition is not None and set(keys) == {note.path for note in edition.notes}
    note = next(note for note in edition.notes if note.slug == "checker-fixture")
    text = note.path.read_text(encoding="utf-8")
    clause = edition.clause(note.target)
    assert clause is not None
    assert keys[note.path] == note_load_key(text, "singapore-2018/point-2/checker-fixture.md", clause.display_text)
    with collecting_load_keys() as again:
        check_edition(config)  # now every note from the store: the same keys
    assert again == keys
    check_edition(config)
    assert again == keys, "nothing collected outside the block"


@pytest.mark.parametrize("change", ["slug", "target", "title", "sources", "body", "body_line", "tags", "edition_links",
                                    "directory_urls", "site_files", "engine"])
def test_each_part_of_the_verdict_key_gives_a_miss(change: str) -> None:
    replaced = {"slug": {"slug": "t"}, "target": {"target": Ref("doc", "other")}, "title": {"title": "U"},
                "sources": {"sources": (SourceRef("Title 2"),)}, "body": {"body": "B2"}, "body_line": {"body_line": 10},
                "tags": {"tags": ()}}
    assert _key() == _key()
    if change in replaced:
        changed = _key(dataclasses.replace(NOTE, **replaced[change]))  # type: ignore[arg-type]
    else:
        changed = {"edition_links": _key(links={"edition:doc": "../doc/"}), "directory_urls": _key(directory_urls=False),
                   "site_files": _key(files=frozenset({"a.html", "b.html"})), "engine": _key(engine="e2")}[change]
    assert changed != _key()
    assert _key(dataclasses.replace(NOTE, path=Path("/elsewhere/s.md"))) == _key(), "the path is not part of it"


def _verdict(note: Note) -> tuple[tuple[Diagnostic, ...], tuple[Diagnostic, ...]]:
    return ((Diagnostic(note.path, 3, 1, "removed", "hint", "warning"),), (Diagnostic(note.path, 4, 2, "link"),))


def test_verdicts_hit_miss_and_damage(tmp_path: Path) -> None:
    notes = [NOTE, dataclasses.replace(NOTE, slug="t", path=Path("/p/t.md"))]
    keys = [_key(note) for note in notes]
    asked: list[list[str]] = []

    def compute(missing: list[Note]) -> list:  # type: ignore[type-arg]
        asked.append([note.slug for note in missing])
        return [_verdict(note) for note in missing]

    expected = [_verdict(note) for note in notes]
    assert NoteVerdicts(ResultStore(tmp_path)).verdicts(notes, keys, compute) == expected
    assert NoteVerdicts(ResultStore(tmp_path)).verdicts(notes, keys, compute) == expected
    assert asked == [["s", "t"]], "the second time, both from the store"
    # Read back at the path the note has now.
    moved = [dataclasses.replace(note, path=Path("/q") / note.path.name) for note in notes]
    assert NoteVerdicts(ResultStore(tmp_path)).verdicts(moved, keys, compute) == [_verdict(note) for note in moved]
    connection = sqlite3.connect(ResultStore(tmp_path).path)
    with connection:
        connection.execute("UPDATE results SET entry = ? WHERE key = ?",
                           (f'{{"key": "{keys[1]}", "value": [[["bad"]], []]}}'.encode(), keys[1]))
    connection.close()
    assert NoteVerdicts(ResultStore(tmp_path)).verdicts(notes, keys, compute) == expected
    assert asked[-1] == ["t"], "the damaged entry was computed again"
    assert NoteVerdicts(ResultStore(tmp_path)).verdicts(notes, keys, compute) == expected
    assert len(asked) == 2, "and rewritten"


def _report(root: Path, cache: bool = True) -> list[str]:
    config = edition_config_for(root)
    if not cache:
        config = dataclasses.replace(config, cache_dir="")
    return [problem.format(root) for problem in run_check(config).problems]


def test_a_relative_link_follows_the_site_files(project: Path) -> None:
    note = project / NOTE_REL
    note.write_text(note.read_text(encoding="utf-8").replace(
        "The body of the note [@joint-statement].", "The body of the note [@joint-statement], see [it](../extra.txt)."),
        encoding="utf-8")
    broken = _report(project, cache=False)
    assert any("leads to no page or file of the site" in line for line in broken), broken
    assert _report(project) == broken
    assert _report(project) == broken  # from the store
    (project / "docs/extra.txt").write_text("Extra\n", encoding="utf-8")
    assert _report(project, cache=False) == [] == _report(project), "a new site file is another key"


def test_the_verdicts_are_the_same_from_worker_processes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    note = project / NOTE_REL
    note.write_text(note.read_text(encoding="utf-8").replace(
        "The body of the note [@joint-statement].",
        "The body <span onclick=\"x()\">of</span> the note [@joint-statement], [below](#nowhere), [x](missing.md)."),
        encoding="utf-8")
    alone = _report(project, cache=False)
    assert len(alone) == 3, alone
    monkeypatch.setattr(note_judging, "PARALLEL_MINIMUM", 1)
    monkeypatch.setattr(note_judging, "_CHUNK", 3)
    # Forking is refused while other threads run (an earlier test's server may still be
    # stopping); these workers touch none of their locks.
    monkeypatch.setattr(note_judging, "fork_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setenv("ANNOTATED_EDITION_WORKERS", "2")
    assert _report(project, cache=False) == alone
    assert _report(project) == alone
    # The workers wrote every body they converted to the note cache, for the build to read.
    config = edition_config_for(project)
    edition, _found = check_edition(config)
    assert edition is not None and len(edition.notes) > 3
    bodies = NoteBodies(NoteCache(config.cache_path))
    assert bodies.read_stored(converted_item(note, edition, False) for note in edition.notes) == []
    assert _report(project) == alone


def _check_in_child(root: str, ready: object) -> None:
    ready.wait()  # type: ignore[attr-defined]
    problems = run_check(edition_config_for(Path(root))).problems
    assert [p.severity for p in problems] == ["warning"], problems


def test_two_checks_at_once_fill_one_store(project: Path) -> None:
    note = project / NOTE_REL
    note.write_text(note.read_text(encoding="utf-8").replace("[@joint-statement].", "[@joint-statement], [x](#nowhere)."),
                    encoding="utf-8")
    assert exit_codes_at_once(_check_in_child, [(str(project),) for _ in range(2)], timeout=300) == [0, 0]
    assert _report(project) == _report(project, cache=False)
    _notes, _found, loads = _load(project, ResultStore(edition_config_for(project).cache_path))
    assert loads is not None and loads.hits == len(_notes), "every clean note was stored whole"


# --- the folder listing ------------------------------------------------------------------------

def test_the_listing_is_rglobs(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "a" / "b").mkdir(parents=True)
    (root / "c.md").write_text("c", encoding="utf-8")
    (root / "a" / "d.md").write_text("d", encoding="utf-8")
    (root / "a" / "b" / "e.markdown").write_text("e", encoding="utf-8")
    (root / "folder.md").mkdir()
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "inner" / "f.md").write_text("f", encoding="utf-8")
    os.symlink(outside / "inner", root / "a" / "linked")            # a link to a folder: listed, not entered
    os.symlink(outside / "inner" / "f.md", root / "a" / "link.md")  # a link to a file
    os.symlink(tmp_path / "nowhere", root / "broken.md")            # a broken link
    entries = folder_tree(root)
    assert [entry.path for entry in entries] == list(root.rglob("*"))
    for entry in entries:
        assert entry.is_file == entry.path.is_file(), entry.path
        assert entry.is_symlink == entry.path.is_symlink(), entry.path
        assert entry.real() == str(entry.path.resolve()), entry.path
        for folder in (root, root / "a", outside, outside / "inner", tmp_path):
            assert within(entry.real(), str(folder.resolve())) == entry.path.resolve().is_relative_to(folder.resolve())


def test_the_engine_digest_covers_every_package_file() -> None:
    files = package_files()
    names = {path.name for path in files}
    assert {"engine_digest.py", "note.schema.json", "checker.py"} <= names
    assert not any("__pycache__" in path.parts for path in files)
    assert engine_digest() == engine_digest() and "+" in engine_digest()


# --- citation warnings known from the store ------------------------------------------------------

_UNCITED = ("tags: [peace-regime]", "  - id: uncited\n    title: Another\n    publisher: P\ntags: [peace-regime]")


def test_an_entry_says_whether_the_note_has_citation_warnings() -> None:
    assert encode_note(NOTE, dt.date(2026, 3, 1))["no_citation_warnings"] is False, "source 'id' is never cited"
    cited = dataclasses.replace(NOTE, body="B [@id].")
    assert encode_note(cited, dt.date(2026, 3, 1))["no_citation_warnings"] is True


@pytest.mark.parametrize("flag", [True, False, "yes", None, "absent"])
def test_only_a_stored_true_spares_the_citation_check(flag: object) -> None:
    body = f"A body of its own ({flag!r}) [@id]."
    note = dataclasses.replace(NOTE, body=body)
    entry = encode_note(note, dt.date(2026, 3, 1))
    if flag == "absent":
        del entry["no_citation_warnings"]
    else:
        entry["no_citation_warnings"] = flag
    loads = NoteLoads(None, dt.date(2026, 3, 1))
    loads._known["k"] = entry
    assert loads.get("k", "s", NOTE.path, body, 9) == note, "the rest of the entry is read all the same"
    assert (note.body, ("id",)) in citation_check._WITHOUT_WARNINGS if flag is True \
        else (note.body, ("id",)) not in citation_check._WITHOUT_WARNINGS


def test_a_note_known_without_warnings_is_not_asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    cited = dataclasses.replace(NOTE, body="Known [@id].")
    uncited = dataclasses.replace(NOTE, body="Known, but [@id] twice [@id] is fine; 'other' is not cited.",
                                  sources=NOTE.sources + (SourceRef("T", "P", id="other"),))
    asked: list[str] = []
    original = citation_check.citation_problems
    monkeypatch.setattr(citation_check, "citation_problems",
                        lambda body, ids: asked.append(body) or original(body, ids))
    citation_check.known_without_warnings(cited)
    assert citation_check.citation_warnings([cited]).items == [] and asked == []
    # The same body with other sources is another note: asked, and warned about.
    assert len(citation_check.citation_warnings([uncited]).items) == 1 and asked == [uncited.body]


def test_uncited_sources_are_warned_about_from_the_store_too(project: Path) -> None:
    path = project / NOTE_REL
    path.write_text(path.read_text(encoding="utf-8").replace(*_UNCITED, 1), encoding="utf-8")
    plain = _report(project, cache=False)
    assert any("listed but never cited" in line for line in plain), plain
    assert _report(project) == plain
    citation_check._WITHOUT_WARNINGS.clear()  # as in a new process
    assert _report(project) == plain, "the stored entry says the note has a warning"
    # Cited again: clean, stored as such, and the next check reads that from the store.
    path.write_text(path.read_text(encoding="utf-8").replace("[@joint-statement].", "[@joint-statement] [@uncited]."),
                    encoding="utf-8")
    assert _report(project, cache=False) == [] == _report(project)
    citation_check._WITHOUT_WARNINGS.clear()
    assert _report(project) == []
    assert any(body.endswith("[@joint-statement] [@uncited].\n") for body, _ids in citation_check._WITHOUT_WARNINGS)


# --- one listing per folder and load ------------------------------------------------------------

def _tree_with_links(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    notes = docs / "commentary"
    (notes / "doc" / "clause").mkdir(parents=True)
    (notes / "doc" / "clause" / "a.md").write_text("a", encoding="utf-8")
    (notes / "zdoc").mkdir()
    (docs / "page.md").write_text("p", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, notes / "linked-out")                     # a folder out of the project
    os.symlink(notes / "doc" / "clause", notes / "zdoc" / "b-in")  # folders inside it, at two depths
    os.symlink(notes / "doc" / "clause", notes / "zdoc" / "a-in")
    os.symlink(notes / "doc", notes / "doc" / "clause" / "loop")
    os.symlink(notes / "doc" / "clause" / "a.md", notes / "doc" / "file-link.md")  # a link to a file
    os.symlink(tmp_path / "nowhere", notes / "broken")                            # a broken link
    return docs


def test_shared_listings_are_the_fresh_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _tree_with_links(tmp_path)
    notes = docs / "commentary"
    fresh_docs, fresh_notes = folder_tree(docs), folder_tree(notes)
    scanned: list[str] = []
    scandir = os.scandir
    monkeypatch.setattr(folder_tree_module.os, "scandir", lambda path: scanned.append(str(path)) or scandir(path))
    with shared_listings():
        first_notes = folder_tree(notes)
        spliced_docs = folder_tree(docs)  # the notes folder's listing spliced in
        first_notes.clear()               # a caller's list is its own
        with shared_listings():           # nested: the same listings
            assert folder_tree(notes) == fresh_notes
        assert folder_tree(docs) == spliced_docs
    assert spliced_docs == fresh_docs
    assert sorted(scanned) == sorted({str(entry.path) for entry in fresh_notes if entry.path.is_dir()
                                      and not entry.is_symlink} | {str(notes), str(docs)}), "each folder scanned once"
    monkeypatch.undo()
    assert [entry.path for entry in spliced_docs] == list(docs.rglob("*"))
    with shared_listings():
        (notes / "new.md").write_text("n", encoding="utf-8")
    assert notes / "new.md" in [entry.path for entry in folder_tree(notes)], "nothing kept after the block"


def _linked_folder_errors_by_walk(commentary_dir: Path) -> Diagnostics:
    """The check as it was, with os.walk: the reference the listing must equal."""
    found = Diagnostics()
    for folder, subfolders, _files in os.walk(commentary_dir):
        for name in sorted(subfolders):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            really = outside_project(path)
            where = f"points outside the project, to {really}" if really else f"is a symbolic link to {path.resolve()}"
            found.error(path, 1, 1, f"the folder {where}: the notes in it are not read",
                        "Put notes in real folders inside the project, not in linked ones.")
    return found


def test_linked_folders_are_found_in_the_listing_as_by_the_walk(tmp_path: Path) -> None:
    docs = _tree_with_links(tmp_path)
    notes = docs / "commentary"
    with reading_project(docs):
        expected = _linked_folder_errors_by_walk(notes)
        found = Diagnostics()
        commentary._refuse_linked_folders(folder_tree(notes), found)
    assert [d.format() for d in found.items] == [d.format() for d in expected.items]
    assert len(found.items) == 4, found.format()


def test_a_note_read_with_its_known_real_path_is_guarded_the_same(tmp_path: Path) -> None:
    docs = _tree_with_links(tmp_path)
    notes = docs / "commentary"
    secret = tmp_path / "outside" / "secret.md"
    secret.write_text("secret", encoding="utf-8")
    os.symlink(secret, notes / "doc" / "clause" / "leak.md")
    for root in (tmp_path, docs, notes / "zdoc"):  # the file inside, and outside, the project
        with reading_project(root):
            for entry in folder_tree(notes):
                if not entry.is_file:
                    continue
                plain, known = Diagnostics(), Diagnostics()
                text = read_utf8(entry.path, plain)
                assert read_utf8(entry.path, known, real=None if entry.is_symlink else entry.real()) == text
                assert [d.format() for d in known.items] == [d.format() for d in plain.items]


# --- the front matter split without splitting every line ------------------------------------------

_PIECES = st.sampled_from(["---", "--- ", "---\t", "----", " ---", "\n", "\r\n", "\r", "\u2028", "\x85", "\v",
                           "title: x", "a", "# c", " ", "\t", "[@k]", "é"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_the_front_matter_split_is_the_line_by_line_one(text: str) -> None:
    assert commentary.split_front_matter(text) == commentary._split_front_matter_by_lines(text)
    framed = "---\n" + text + "\n---\n" + text
    assert commentary.split_front_matter(framed) == commentary._split_front_matter_by_lines(framed)


def test_the_front_matter_split_of_every_note_of_the_edition() -> None:
    for path in sorted(Path(__file__).resolve().parents[2].glob("docs/commentary/**/*.md")):
        text = path.read_text(encoding="utf-8")
        assert commentary.split_front_matter(text) == commentary._split_front_matter_by_lines(text), path

"""A cold check converts note bodies from their files while the edition loads
(render/early_conversion.py): the guess of what will be converted agrees with the loaded note,
the workers start only when the note cache is cold, what they convert is stored, and the
report is the one a check without them gives, even when a worker fails."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

import pytest

from conftest import copy_project
from note_breakages import NOTE_REL, write_good_note

from annotated_edition.notes.cache import NoteCache
from annotated_edition.notes.convert import NoteBodies
from annotated_edition.render.context import converted_item, converted_item_from_file
from annotated_edition.sources.edition import check_edition
from annotated_edition.sources.folder_tree import folder_tree
from annotated_edition.render import early_conversion
from annotated_edition.tools.checker import run_check
from annotated_edition.render.early_conversion import EarlyConversion
from annotated_edition.tools.project_config import edition_config_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project")
    write_good_note(root)
    note = root / NOTE_REL  # a note with something to report, so the reports can differ
    note.write_text(note.read_text(encoding="utf-8").replace(
        "The body of the note [@joint-statement].",
        "The body <span onclick=\"x()\">of</span> the note [@joint-statement], [below](#nowhere), [x](missing.md)."),
        encoding="utf-8")
    return root


def _report(root: Path, cache: bool = True) -> list[str]:
    config = edition_config_for(root)
    if not cache:
        config = dataclasses.replace(config, cache_dir="")
    return [problem.format(root) for problem in run_check(config).problems]


def _items(root: Path) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    config = edition_config_for(root)
    edition, _found = check_edition(config)
    assert edition is not None
    return [converted_item(note, edition, False) for note in edition.notes]


def test_the_guess_from_the_file_is_what_the_checker_converts() -> None:
    config = edition_config_for(ROOT)
    edition, _found = check_edition(config)
    assert edition is not None and len(edition.notes) > 30
    guessed = 0
    for note in edition.notes:
        text = note.path.read_text(encoding="utf-8")
        guess = converted_item_from_file(text, note.path.stem)
        if "edition:" in note.body:
            assert guess is None, note.path  # its links' URLs need the edition
        else:
            assert guess == converted_item(note, edition, False), note.path
            guessed += 1
    assert guessed > 20
    assert converted_item_from_file("no front matter at all", "x") is None


READ: list[list[Path]] = []  # the files each recorded start was given


def _forced(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Workers for a handful of notes, on two cores, one share per note; records each start."""
    monkeypatch.setattr(early_conversion, "PARALLEL_MINIMUM", 1)
    monkeypatch.setattr(early_conversion, "_CHUNK", 1)
    monkeypatch.setenv("ANNOTATED_EDITION_WORKERS", "2")
    # Forking is refused while other threads run (an earlier test's server may still be
    # stopping); this test's workers touch none of their locks.
    monkeypatch.setattr(early_conversion, "fork_context", lambda: multiprocessing.get_context("fork"))
    starts: list[bool] = []
    start = EarlyConversion.start

    def recorded(self: EarlyConversion) -> bool:
        starts.append(start(self))
        READ.append(list(self.paths))
        return starts[-1]
    monkeypatch.setattr(EarlyConversion, "start", recorded)
    return starts


def test_a_cold_check_converts_early_and_reports_the_same(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _report(project, cache=False)
    assert len(alone) == 3, alone
    starts = _forced(monkeypatch)
    assert _report(project) == alone
    assert starts == [True]
    bodies = NoteBodies(NoteCache(edition_config_for(project).cache_path))
    assert bodies.read_stored(_items(project)) == [], "every body is in the note cache"
    assert _report(project) == alone, "from the stores"
    assert starts == [True, False], "a warm cache starts no workers"
    assert _report(project, cache=False) == alone, "without a cache the results are only held in memory"
    assert starts[-1] is True


def test_a_check_of_some_paths_converts_only_their_notes_early(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    starts = _forced(monkeypatch)
    note = project / NOTE_REL
    problems = run_check(edition_config_for(project), [note]).problems
    assert len(problems) == 3
    assert starts == [True] and READ[-1] == [note]


def test_a_worker_that_fails_costs_only_speed(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _report(project, cache=False)
    _forced(monkeypatch)
    convert_note = early_conversion.convert_note
    failed = project / "failed"  # written by the worker (a forked process shares no memory)

    def sometimes_failing(body: str, anchor: str, links: object = ()) -> object:
        if "onclick" in body:
            failed.write_text("yes", encoding="utf-8")
            raise RuntimeError("a worker lost")
        return convert_note(body, anchor, links)
    monkeypatch.setattr(early_conversion, "convert_note", sometimes_failing)  # inherited by the workers
    assert _report(project) == alone
    assert failed.exists()


def test_links_to_other_folders_and_large_files_are_not_read_early(tmp_path: Path) -> None:
    folder = tmp_path / "commentary" / "doc" / "clause"
    folder.mkdir(parents=True)
    (folder / "real.md").write_text("---\ntarget: doc/clause\n---\nBody.\n", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("---\n---\nSecret.\n", encoding="utf-8")
    (folder / "linked.md").symlink_to(outside)
    (folder / "big.md").write_text("---\n---\n" + "x" * (early_conversion.MAX_NOTE_BYTES + 1), encoding="utf-8")
    early = EarlyConversion(folder_tree(tmp_path / "commentary"), None, 2)
    assert sorted(path.name for path in early.paths) == ["big.md", "real.md"]
    assert [item[0][0] for item in early_conversion._items_of(early.paths)] == ["Body.\n"]

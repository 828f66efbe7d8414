"""Anchor drift: when the text or the clause map changes under a quote, the check fails and
names the note, suggests where the words went, and never moves the note itself."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import copy_project
from note_breakages import NOTE_REL, write_good_note

from annotated_edition import edition_config_for
from annotated_edition.sources.drift import closest_wording
from annotated_edition.sources.edition import check_edition


@pytest.mark.parametrize(("text", "quote", "expected"), [
    ("the DPRK commits to work towards the complete denuclearization of the Korean Peninsula",
     "work toward complete denuclearization", "work towards the complete denuclearization"),
    ("to build a lasting and robust peace regime on the Korean Peninsula",
     "lasting and stable peace regime", "lasting and robust peace regime"),
    ("to build a lasting and robust peace regime", "recovering remains of the missing", None),
])
def test_closest_wording(text: str, quote: str, expected: str | None) -> None:
    assert closest_wording(text, quote) == expected


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _digest(folder: Path) -> str:
    """The project's files, the cache folder aside (a check stores what it computed there)."""
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*"))
                                   if p.is_file() and ".cache" not in p.relative_to(folder).parts)).hexdigest()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    write_good_note(project)
    assert not check_edition(edition_config_for(project))[1]
    return project


def test_a_changed_text_fails_the_note_and_suggests_the_new_wording(project: Path) -> None:
    _edit(project / "source_texts/singapore-2018.en.txt", "lasting and stable peace regime",
          "lasting and durable peace regime")
    before = _digest(project)
    _, diagnostics = check_edition(edition_config_for(project))
    # Every file that quotes the old wording fails (the edition's own notes and entity
    # aliases may quote it too); the scaffolded note is one of them, at its quote.
    assert all("lasting and stable peace regime" in d.path.read_text(encoding="utf-8") for d in diagnostics.items)
    [problem] = [d for d in diagnostics.items if d.path == project / NOTE_REL]
    assert (problem.line, problem.column) == (3, 8)
    assert problem.message.startswith("quote not found in clause 'singapore-2018/point-2'")
    assert "Closest wording in singapore-2018/point-2 now: 'lasting and durable peace regime'" in problem.hint
    assert "never moved automatically" in problem.hint
    assert _digest(project) == before


def test_a_changed_clause_map_names_the_clause_that_now_holds_the_quote(project: Path) -> None:
    # Point 2's opening words move into the previous clause: its text now starts later, and
    # the quote falls into point 1.
    _edit(project / "source_texts/singapore-2018.yml", '"The United States and the DPRK will join their efforts"',
          '"on the Korean Peninsula."')
    _, diagnostics = check_edition(edition_config_for(project))
    notes = [d for d in diagnostics.items if d.path == project / NOTE_REL]
    assert len(notes) == 1, diagnostics.format(project)
    assert "The exact quote is now in singapore-2018/point-1" in notes[0].hint


def test_prefix_and_suffix_that_no_longer_match_are_named(project: Path) -> None:
    _edit(project / NOTE_REL, 'quote: "lasting and stable peace regime"\n',
          'quote: "lasting and stable peace regime"\nprefix: "a durable "\n')
    _, diagnostics = check_edition(edition_config_for(project))
    [problem] = diagnostics.items
    # The quote is right and the prefix is wrong: the message blames the prefix, at its line,
    # and never says the quote is missing while the hint says it matches.
    assert "the prefix 'a durable ' is not next to the quote" in problem.message
    assert "quote not found" not in problem.message and "the quote matches" not in problem.hint
    assert "Before it: 'DPRK will join their efforts to build a '" in problem.hint

"""Messages a contributor reads are in plain words: no regular expressions, no Python type
names, no parser message without a sentence before it that says what is wrong (issue 15).

Each rewritten message is produced by the real checker on a real note and checked twice: for
the words it must say, and against :func:`assert_plain`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project
from note_breakages import NOTE_REL, write_good_note
from annotated_edition.sources.edition import check_edition
from annotated_edition.tools.project_config import edition_config_for

_REGEX_BITS = re.compile(r"\[\^|\\[sSdDwWb]|\(\?:|\^\[|\$\"|\$'|\$$|\{\d+(,\d*)?\}|\.\*|\.\+")
# "a list" is English; "not list", "of type str" and "NoneType" are Python.
_TYPE_NAMES = re.compile(r"NoneType|YamlMap|YamlList|\b(?:type|not|of|a|an) (?:str|int|float|bool|dict|tuple|list)\b(?! \()"
                         r"|\b(?:str|int|dict|bool)\b")
_PARSER_PHRASES = ("expected <block end>", "mapping values are not allowed", "could not find expected",
                   "while scanning", "while parsing", "found character")


def assert_plain(text: str) -> None:
    """No regex, no type name; any parser phrase comes after a plain sentence, in parentheses."""
    assert not _REGEX_BITS.search(text), f"a regular expression in: {text}"
    assert not _TYPE_NAMES.search(text), f"a Python type name in: {text}"
    for phrase in _PARSER_PHRASES:
        if phrase in text:
            before, _, _ = text.partition(phrase)
            assert "(the YAML reader says: " in before, f"bare parser words in: {text}"
            plain = before.split("(the YAML reader says: ")[0].removeprefix("invalid YAML:").strip()
            assert len(plain.split()) >= 5, f"no plain sentence before the parser's words: {text}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    write_good_note(project)
    return project


def _problems(project: Path, old: str, new: str) -> list[str]:
    path = project / NOTE_REL
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, diagnostics = check_edition(edition_config_for(project))
    return [f"{d.message}\n{d.hint}" for d in diagnostics.items]


CASES = [
    ("url", "  - name: Test Author", "  - name: Test Author\n    url: www.example.org",
     ["expected: A web address that starts with http:// or https://"]),
    ("empty_title", "title: A note for the checker's tests", "title:", ["'title' is empty; it must be text"]),
    ("list_expected", "authors:\n  - name: Test Author", "authors: Test Author", ["'authors' must be a list", "not text"]),
    ("text_expected", "title: A note for the checker's tests", "title: 2026", ["'title' must be text, not a number",
                                                                           "put the value in quotes"]),
    ("indentation", "  - name: Test Author", "  - name: Test Author\n url: https://example.org",
     ["indented differently", "(the YAML reader says: ", "expected <block end>"]),
    ("colon_in_value", "title: A note for the checker's tests", "title: A note: on colons",
     ["a value contains a colon followed by a space"]),
    ("unclosed_quote", "title: A note for the checker's tests", 'title: "A note',
     ["a quoted value has no closing quotation mark"]),
    ("tab", "  - name: Test Author", "\t- name: Test Author", ["a tab character is used where YAML needs spaces"]),
    ("unclosed_front_matter", "tags: [peace-regime]\n---\n", "tags: [peace-regime]\n\n",
     ["the front matter is not closed", "Add a line holding only '---'"]),
    ("wrong_prefix", 'quote: "lasting and stable peace regime"\n',
     'quote: "lasting and stable peace regime"\nprefix: "a durable "\n',
     ["the prefix 'a durable ' is not next to the quote", "Remove 'prefix'"]),
    ("impossible_date", "date: 2026-01-15", "date: 2026-02-30", ["February 2026 has 28 days"]),
    ("future_date", "date: 2026-01-15", "date: 2099-01-01", ["which is in the future"]),
]


@pytest.mark.parametrize("name, old, new, says", CASES, ids=[c[0] for c in CASES])
def test_each_rewritten_message_is_in_plain_words(project: Path, name: str, old: str, new: str,
                                                  says: list[str]) -> None:
    problems = _problems(project, old, new)
    assert len(problems) == 1, problems
    for words in says:
        assert words in problems[0], (words, problems[0])
    assert_plain(problems[0])


def test_a_wrong_prefix_is_not_called_a_missing_quote(project: Path) -> None:
    [problem] = _problems(project, 'quote: "lasting and stable peace regime"\n',
                          'quote: "lasting and stable peace regime"\nprefix: "a durable "\n')
    assert "quote not found" not in problem and "the quote matches" not in problem


@pytest.mark.parametrize("folder, target", [("singapore-2018", "singapore-2018/point-3"),
                                            ("panmunjom-2018", "panmunjom-2018/article-3.4")])
def test_a_misplaced_note_is_told_the_folder_of_its_own_target(project: Path, folder: str, target: str) -> None:
    note = project / NOTE_REL
    text = note.read_text(encoding="utf-8").replace("target: singapore-2018/point-2", f"target: {target}")
    text = text.replace('quote: "lasting and stable peace regime"\n', "")
    misplaced = project / "docs/commentary" / folder / "loose.md"
    misplaced.parent.mkdir(parents=True, exist_ok=True)
    misplaced.write_text(text, encoding="utf-8")
    note.unlink()
    _, diagnostics = check_edition(edition_config_for(project))
    [problem] = diagnostics.items
    assert f"Move it to docs/commentary/{target}/loose.md." in problem.hint
    assert_plain(problem.message + "\n" + problem.hint)


@pytest.mark.parametrize("text", [
    "'x' must be of type string, not NoneType", "expected: ^https?://[^\\s]+$",
    "invalid YAML: expected <block end>, but found '<scalar>'"])
def test_the_wording_check_catches_what_the_issue_reported(text: str) -> None:
    with pytest.raises(AssertionError):
        assert_plain(text)

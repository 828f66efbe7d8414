"""The note scaffold: target validated, slug chosen and unique, front matter filled, nothing
overwritten, and a fresh note fails the check only on what the contributor still owes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from conftest import copy_project

from annotated_edition import edition_config_for
from annotated_edition.tools.checker import run_check
from annotated_edition.tools.cli import main
from annotated_edition.sources.edition import EditionConfig
from annotated_edition.model import Ref
from annotated_edition.tools.scaffold import ScaffoldError, create_note, note_template, slug_from

TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def config(tmp_path: Path) -> EditionConfig:
    return edition_config_for(copy_project(tmp_path / "project"))


@pytest.mark.parametrize(("text", "slug"), [
    ("What \"work toward\" commits to", "what-work-toward-commits-to"),
    ("Peace régime — a “lasting” one?", "peace-regime-a-lasting-one"),
    ("One two three four five six seven eight", "one-two-three-four-five-six"),
    ("   ", ""),
])
def test_slug_from_titles(text: str, slug: str) -> None:
    assert slug_from(text) == slug


def test_new_note_is_written_with_its_front_matter(config: EditionConfig) -> None:
    path = create_note(config, "singapore-2018/point-2", title='Why "stable" and not "robust"',
                       authors=["A. Contributor"], today=TODAY)
    assert path == config.commentary_path / "singapore-2018/point-2/why-stable-and-not-robust.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {"target": "singapore-2018/point-2", "title": 'Why "stable" and not "robust"',
                     "authors": [{"name": "A. Contributor"}], "date": TODAY,
                     "sources": [{"id": "", "title": "", "publisher": ""}], "tags": []}
    assert text.endswith("---\n"), "the body is left for the contributor"


def test_a_fresh_note_fails_the_check_only_on_what_is_owed(config: EditionConfig) -> None:
    path = create_note(config, "panmunjom-2018/article-3.4", title="On the same words", authors=["A. B."],
                       today=TODAY)
    report = run_check(config)
    messages = {(p.path, p.message) for p in report.problems}
    assert messages == {
        (path, "'sources[0].id' must not be empty"),
        (path, "'sources[0].title' must not be empty"),
        (path, "'sources[0].publisher' must not be empty"),
        (path, "note has no body"),
    }


def test_a_quote_is_checked_and_written(config: EditionConfig) -> None:
    path = create_note(config, "singapore-2018/point-2", quote="lasting and stable peace regime", today=TODAY)
    assert path.name == "lasting-and-stable-peace-regime.md"
    assert 'quote: "lasting and stable peace regime"' in path.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="does not occur") as error:
        create_note(config, "singapore-2018/point-2", quote="lasting and durable peace", today=TODAY)
    assert "will join their efforts" in str(error.value), "the hint shows the clause text"
    with pytest.raises(ScaffoldError, match="occurs 3 times"):
        create_note(config, "singapore-2018/point-2", quote="the", today=TODAY)


def test_an_unknown_target_suggests_the_nearest_clauses(config: EditionConfig) -> None:
    before = sorted(config.commentary_path.rglob("*.md"))
    with pytest.raises(ScaffoldError) as error:
        create_note(config, "singapore-2018/point-9", today=TODAY)
    assert "unknown target 'singapore-2018/point-9'" in error.value.message
    assert "singapore-2018/point-4" in error.value.hint
    with pytest.raises(ScaffoldError, match="unknown target 'panmunjom-2018'"):
        create_note(config, "panmunjom-2018", today=TODAY)
    assert sorted(config.commentary_path.rglob("*.md")) == before, "nothing written on error"


def test_slugs_stay_unique_and_files_are_never_overwritten(config: EditionConfig) -> None:
    first = create_note(config, "singapore-2018/point-4", today=TODAY)
    second = create_note(config, "singapore-2018/point-4", today=TODAY)
    assert (first.name, second.name) == ("point-4-note.md", "point-4-note-2.md")
    taken = create_note(config, "singapore-2018/point-1", title="Same title", today=TODAY)
    again = create_note(config, "singapore-2018/point-3", title="Same title", today=TODAY)
    assert (taken.stem, again.stem) == ("same-title", "same-title-2"), "slugs are unique across clauses"
    before = taken.read_bytes()
    with pytest.raises(ScaffoldError, match="already exists"):
        create_note(config, "singapore-2018/point-1", slug="same-title", today=TODAY)
    with pytest.raises(ScaffoldError, match="not a valid slug"):
        create_note(config, "singapore-2018/point-1", slug="Bad Slug", today=TODAY)
    assert taken.read_bytes() == before


def test_the_template_is_valid_yaml_whatever_the_title() -> None:
    text = note_template(Ref("singapore-2018", "point-3"), title='a: "b" # c', authors=["Ünïcode: name"],
                         date="2026-03-09", quote="x: y")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == 'a: "b" # c'
    assert front["authors"] == [{"name": "Ünïcode: name"}]
    assert front["quote"] == "x: y"


def test_cli_prints_the_new_path_and_reports_errors(config: EditionConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(config.root)
    out, err = io.StringIO(), io.StringIO()
    assert main(["new-note", "singapore-2018/point-1", "--title", "A title", "--author", "X"], out=out, err=err) == 0
    assert out.getvalue().strip() == "docs/commentary/singapore-2018/point-1/a-title.md"
    assert (config.root / out.getvalue().strip()).is_file()
    out, err = io.StringIO(), io.StringIO()
    assert main(["new-note", "singapore-2018/point-11"], out=out, err=err) == 2
    assert out.getvalue() == ""
    assert err.getvalue().startswith("new-note: error: unknown target 'singapore-2018/point-11'")

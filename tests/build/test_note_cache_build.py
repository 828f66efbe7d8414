"""End to end: the persistent note cache changes nothing a reader gets. A build that reads it
(after an edit, with one entry damaged) publishes the very bytes a build without it publishes,
and the checker reads the store the build filled."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import copy_project, run_mkdocs_build

from annotated_edition.notes.cache import DEFAULT_CACHE_DIR, NoteCache

ENV = {"SOURCE_DATE_EPOCH": "1700000000"}


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _rows(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT count(*) FROM notes").fetchone()[0]
    finally:
        connection.close()


def test_builds_with_the_cache_publish_what_builds_without_it_publish(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    notes = sorted((project / "docs" / "commentary").rglob("*.md"))
    database = NoteCache(project / DEFAULT_CACHE_DIR).path

    cold = run_mkdocs_build(project, "-d", str(tmp_path / "cold"), env=ENV)
    assert cold.ok, cold.output
    assert database.is_file() and _rows(database) == len(notes)
    warm = run_mkdocs_build(project, "-d", str(tmp_path / "warm"), env=ENV)
    assert warm.ok, warm.output
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")

    # One note edited and another note's entry damaged, as a contributor's next build finds them.
    edited = notes[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added for the cache test.\n", encoding="utf-8")
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("UPDATE notes SET entry = ? WHERE rowid = (SELECT min(rowid) FROM notes)", (b"{broken",))
    connection.close()
    after_edit = run_mkdocs_build(project, "-d", str(tmp_path / "after-edit"), env=ENV)
    assert after_edit.ok, after_edit.output
    assert _rows(database) == len(notes) + 1, "the edited note is a new entry; the damaged one was rewritten"

    for folder in (project / DEFAULT_CACHE_DIR,):
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    fresh = run_mkdocs_build(project, "-d", str(tmp_path / "fresh"), env=ENV)
    assert fresh.ok, fresh.output
    published = _files(tmp_path / "after-edit")
    assert published == _files(tmp_path / "fresh")
    assert any(b"A sentence added for the cache test." in content for path, content in published.items()
               if path.endswith(".html"))


def test_the_cache_folder_is_an_option_and_can_be_turned_off(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - annotated-edition:\n" in text
    config.write_text(text.replace("  - annotated-edition:\n", "  - annotated-edition:\n      cache_dir: ''\n", 1),
                      encoding="utf-8")
    build = run_mkdocs_build(project, env=ENV)
    assert build.ok, build.output
    assert not (project / ".cache").exists()


def test_an_edition_link_follows_the_url_style_with_a_warm_cache(tmp_path: Path) -> None:
    """An ``edition:`` link's URL is part of the converted HTML: a build in the other URL style,
    with the store the first build filled, must not publish the first build's URL."""
    from note_breakages import GOOD_NOTE, NOTE_REL

    project = copy_project(tmp_path / "project")
    note = project / NOTE_REL
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(GOOD_NOTE.replace("The body of the note.\n", "See [point 3](edition:singapore-2018/point-3).\n"),
                    encoding="utf-8")
    files = run_mkdocs_build(project, "-d", str(tmp_path / "files"), env=ENV)
    assert files.ok, files.output
    assert 'href="point-3.html"' in (tmp_path / "files/singapore-2018/point-2.html").read_text(encoding="utf-8")

    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("use_directory_urls: false", "use_directory_urls: true")
    config.write_text(text.replace("\n  - offline\n", "\n"), encoding="utf-8")  # offline forces file URLs
    folders = run_mkdocs_build(project, "-d", str(tmp_path / "folders"), env=ENV)
    assert folders.ok, folders.output
    page = (tmp_path / "folders/singapore-2018/point-2/index.html").read_text(encoding="utf-8")
    assert 'href="../point-3/"' in page and 'href="point-3.html"' not in page

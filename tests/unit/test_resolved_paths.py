"""Paths resolved once per folder while a project loads (sources/input_guards.resolved) give
exactly what ``Path.resolve`` gives: for plain files, files in linked folders, linked files,
links to links, links out of the tree, missing files, and loops (the same error)."""

from __future__ import annotations

from pathlib import Path


from annotated_edition.sources.input_guards import reading_project, resolved


def _tree(root: Path) -> list[Path]:
    (root / "real" / "deep").mkdir(parents=True)
    (root / "outside").mkdir()
    (root / "real" / "a.md").write_text("a", encoding="utf-8")
    (root / "real" / "deep" / "b.md").write_text("b", encoding="utf-8")
    (root / "outside" / "secret.md").write_text("s", encoding="utf-8")
    (root / "linked").symlink_to(root / "real", target_is_directory=True)
    (root / "real" / "link.md").symlink_to(root / "outside" / "secret.md")
    (root / "real" / "link2.md").symlink_to("link.md")
    (root / "real" / "up").symlink_to("..", target_is_directory=True)
    (root / "chain").symlink_to("linked", target_is_directory=True)  # a link to a link
    (root / "real" / "deep" / "away").symlink_to(root / "outside", target_is_directory=True)
    (root / "real" / "loop1.md").symlink_to("loop2.md")
    (root / "real" / "loop2.md").symlink_to("loop1.md")
    names = ["real/a.md", "real/deep/b.md", "linked/a.md", "linked/deep/b.md", "real/link.md", "linked/link2.md",
             "real/up/outside/secret.md", "real/missing.md", "missing/x.md", "real/./a.md", "real/../outside/secret.md",
             "linked/../outside/secret.md", "real/deep/../a.md", ".hidden/x.md", "real/loop1.md",
             "chain/deep/b.md", "chain/deep/away/secret.md", "real/deep/away/secret.md", "real/up/real/up/real/a.md",
             "real/loop1.md/x.md"]
    return [root / name for name in names] + [Path("relative/path.md")]


def _answer(function, path: Path) -> object:  # type: ignore[no-untyped-def]
    try:
        return function(path)
    except (OSError, RuntimeError) as error:
        return type(error)


def test_resolved_is_path_resolve(tmp_path: Path) -> None:
    paths = _tree(tmp_path)
    with reading_project(tmp_path):
        for _ in range(2):  # the second time, every folder comes from the memo
            for path in paths:
                assert _answer(resolved, path) == _answer(Path.resolve, path), path


def test_a_folder_replaced_by_a_link_between_loads_is_seen(tmp_path: Path) -> None:
    _tree(tmp_path)
    with reading_project(tmp_path):
        assert resolved(tmp_path / "swap" / "a.md") == (tmp_path / "swap" / "a.md").resolve()
    (tmp_path / "swap").symlink_to(tmp_path / "outside", target_is_directory=True)
    with reading_project(tmp_path):
        assert resolved(tmp_path / "swap" / "a.md") == tmp_path.resolve() / "outside" / "a.md"


def test_outside_a_load_it_is_path_resolve(tmp_path: Path) -> None:
    for path in _tree(tmp_path):
        assert _answer(resolved, path) == _answer(Path.resolve, path)

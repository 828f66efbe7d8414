"""Command line: ``python -m annotated_edition check [PATHS…]`` and ``… new-note TARGET``.

``check`` prints each problem as ``path:line:column: error: message`` followed by an indented
hint, then a one-line summary, and exits 1 if it reported any problem (0 otherwise, 2 for a
usage error). ``new-note`` writes a note file and prints its path. Neither imports MkDocs:
checking is fast enough to run on every save.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Sequence, TextIO

from .checker import run_check
from .project_config import edition_config_for, find_project_root
from .scaffold import ScaffoldError, create_note

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m annotated_edition",
        description="Check the edition's texts, structure files and notes, or start a new note.")
    parser.add_argument("--root", type=Path, default=None,
                        help="project folder (the one with mkdocs.yml); default: found from the current folder")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="report every problem, without building the site",
                                description="Load and check everything the build reads; report every problem.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="only report problems in these files or folders (everything is still loaded)")

    new = commands.add_parser("new-note", help="write a new note file and print its path",
                              description="Write a new note for a clause, with today's date, and print its path.")
    new.add_argument("target", metavar="TARGET", help="the clause the note explains, e.g. singapore-2018/point-3")
    new.add_argument("--slug", default="", help="file name without .md (default: from the title)")
    new.add_argument("--title", default="", help="the note's title")
    new.add_argument("--author", action="append", default=None, metavar="NAME",
                     help="an author's name; repeat for several (default: git config user.name)")
    new.add_argument("--quote", default="", help="exact words of the clause to anchor the note to")
    return parser


def _git_user_name(root: Path) -> str:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True,
                                text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip()


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _check(root: Path, paths: list[Path], out: TextIO, err: TextIO) -> int:
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"check: no such file or folder: {path}", file=err)
        return EXIT_USAGE
    report = run_check(edition_config_for(root), paths)
    if report.problems:
        print(report.format(), file=out)
    print(report.summary(), file=out)
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _new_note(root: Path, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    authors = args.author if args.author is not None else [name for name in [_git_user_name(root)] if name]
    try:
        path = create_note(edition_config_for(root), args.target, slug=args.slug, title=args.title,
                           authors=authors, quote=args.quote)
    except ScaffoldError as error:
        print(f"new-note: error: {error}", file=err)
        return EXIT_USAGE
    print(_shown(path), file=out)
    print("Next: fill in the empty fields and write the body below the closing '---', "
          "then run `make check`.", file=err)
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    root = (args.root or find_project_root(Path.cwd())).resolve()
    if args.command == "check":
        return _check(root, args.paths, out, err)
    return _new_note(root, args, out, err)

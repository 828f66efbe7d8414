"""``python -m annotated_edition.tools.portable [--out dist/portable]``: the edition as plain files.

Runs a real strict ``mkdocs build`` of the project with the plugin told (an environment
variable, see ``adapter/portable.py``) to write, at the end of the build, every page and file it
published into ``--out``: ``mkdocs.yml`` without the plugin, ``docs/`` with the hand-written
and the generated pages, stylesheets, schemas, the data exports and the offline web-worker shim,
and ``overrides/`` with the theme override that puts the citation tags in ``<head>``. Driving
the real build, rather than calling the engine a second way, keeps the tree equal to the site.
The tree then builds with ``mkdocs build``, ``properdocs build`` or ``zensical build``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Sequence

__all__ = ["build_portable", "main", "PORTABLE_ENV", "PORTABLE_MARKER", "PortableBuildError"]

# The folder the plugin writes the portable tree to (read in adapter/portable.py); unset, none.
PORTABLE_ENV = "ANNOTATED_EDITION_PORTABLE"
# A file in every tree written, so that only a folder the portable build wrote is ever deleted.
PORTABLE_MARKER = ".annotated-edition-portable"


class PortableBuildError(Exception):
    """The build that writes the portable tree failed; the message holds its output."""


def build_portable(project: Path, out: Path, *, config_file: str = "mkdocs.yml",
                   env: dict[str, str] | None = None, site_dir: Path | None = None) -> Path:
    """Write the portable tree of the project at ``project`` into ``out``; return ``out``.
    The site that build makes is thrown away, or kept in ``site_dir`` (to compare the two)."""
    project, out = project.resolve(), out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / PORTABLE_MARKER).is_file():
        raise PortableBuildError(f"{out} exists and was not written by the portable build; "
                                 "choose an empty or new folder.")
    if out.exists():
        shutil.rmtree(out)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {}), PORTABLE_ENV: str(out)}
    with tempfile.TemporaryDirectory(prefix="portable-site-") as scratch:
        site = str(site_dir.resolve()) if site_dir is not None else scratch
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config_file, "-d", site],
            cwd=project, capture_output=True, text=True, env=environment)
    if result.returncode != 0 or not (out / "mkdocs.yml").is_file():
        raise PortableBuildError(f"the build that writes the portable tree failed:\n{result.stdout}{result.stderr}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotated_edition.tools.portable",
                                     description="Write the edition as plain files that build with no plugin.")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="folder with mkdocs.yml (default: here)")
    parser.add_argument("--config-file", default="mkdocs.yml", help="configuration file, relative to --project")
    parser.add_argument("--out", type=Path, default=Path("dist/portable"), help="where to write the tree")
    args = parser.parse_args(argv)
    try:
        out = build_portable(args.project, args.out, config_file=args.config_file)
    except PortableBuildError as error:
        print(f"portable: {error}", file=sys.stderr)
        return 1
    print(f"portable: wrote {out}; build it with `mkdocs build -f {out}/mkdocs.yml` "
          f"or `zensical build -f {out}/mkdocs.yml`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Pack a built site into one zip that opens from disk: the offline edition.

The archive holds the site as built (``index.html`` at its top) and a short README. Source
maps are left out: they are for debugging the theme, not for reading. Entries are written in
sorted order with a fixed timestamp and fixed permissions, so the same site always gives the
same bytes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BundleSummary", "write_offline_bundle", "offline_readme", "bundled_paths", "README_NAME"]

README_NAME = "README.txt"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_LEFT_OUT_SUFFIXES = (".map",)


@dataclass(frozen=True)
class BundleSummary:
    archive: Path
    files: int
    unpacked_bytes: int
    archive_bytes: int

    def describe(self) -> str:
        return (f"{self.archive}: {self.files} files, {self.unpacked_bytes / 1e6:.2f} MB unpacked, "
                f"{self.archive_bytes / 1e6:.2f} MB zipped")


def offline_readme(title: str) -> str:
    return (f"{title}: offline edition\n"
            f"{'=' * (len(title) + 18)}\n\n"
            "Unzip this archive into a folder of its own, then open index.html in a web browser.\n\n"
            "Everything is inside the folder: pages, styles, icons and search. Nothing is fetched\n"
            "from the network, so the edition reads the same on a plane or behind an air gap.\n"
            "Search, cross-references, backlinks and the note markers all work from disk.\n\n"
            "print.html holds the whole edition on one page; your browser's Print command\n"
            "(\"Save as PDF\") turns it into a document with the notes as endnotes.\n\n"
            "assets/annotated-edition/iframe-worker/ holds the small third-party script that lets\n"
            "search run from disk, with its MIT licence.\n")


def bundled_paths(site_dir: Path) -> list[Path]:
    """Every file of the site that goes into the archive, in a stable order."""
    return sorted((p for p in site_dir.rglob("*") if p.is_file() and not p.name.endswith(_LEFT_OUT_SUFFIXES)),
                  key=lambda p: p.relative_to(site_dir).as_posix())


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_offline_bundle(site_dir: Path, archive: Path, title: str) -> BundleSummary:
    """Write ``archive`` from the built site in ``site_dir``; fail clearly if it is not built."""
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir / 'index.html'} does not exist: build the site first (`make site`).")
    archive.parent.mkdir(parents=True, exist_ok=True)
    paths = bundled_paths(site_dir)
    readme = offline_readme(title).encode("utf-8")
    unpacked = len(readme)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        bundle.writestr(_entry(README_NAME), readme)
        for path in paths:
            data = path.read_bytes()
            unpacked += len(data)
            bundle.writestr(_entry(path.relative_to(site_dir).as_posix()), data)
    return BundleSummary(archive, len(paths) + 1, unpacked, archive.stat().st_size)

"""The files of the site's ``data/`` folder: each export, and the JSON Schema it follows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

from ..model import Edition, Note, Ref
from ..package_files import SCHEMA_DIR
from ..urls import page_source_path
from .data import EXPORT_FILES, EXPORT_FOLDER, annotations_jsonld, dumps, edition_json
from .edition_info import EditionInfo
from .rendered_text import RenderedText, document_text

__all__ = ["export_paths", "export_files", "export_data", "schema_files", "document_page_urls", "published_schema"]


def export_paths() -> list[str]:
    """Every file published under ``data/``: each export and the schema it follows."""
    return [f"{EXPORT_FOLDER}/{name}" for name in EXPORT_FILES] + \
        [f"{EXPORT_FOLDER}/{published_schema(name)}" for name in EXPORT_FILES]


def published_schema(export_name: str) -> str:
    return export_name.split(".")[0] + ".schema.json"


def export_data(edition: Edition, info: EditionInfo, root: Path, note_html: Callable[[Note], str],
                rendered: dict[str, RenderedText] | None, directory_urls: bool) -> Iterator[tuple[str, str, Any]]:
    """Each export as (path under the site, schema name, data), one at a time: a large edition's
    exports are tens of megabytes each, so a caller can serialize and drop one before the next
    is made. ``rendered`` is each document page's anchoring text; None computes it from the
    model (see :mod:`.rendered_text`)."""
    yield (f"{EXPORT_FOLDER}/edition.json", EXPORT_FILES["edition.json"],
           edition_json(edition, info, root, note_html, directory_urls))
    if rendered is None:
        rendered = {document_id: document_text(document) for document_id, document in edition.documents.items()}
    yield (f"{EXPORT_FOLDER}/annotations.jsonld", EXPORT_FILES["annotations.jsonld"],
           annotations_jsonld(edition, info, rendered, note_html, directory_urls))


def schema_files() -> dict[str, str]:
    """Path under the site → content of the schema published beside each export."""
    return {f"{EXPORT_FOLDER}/{published_schema(name)}": (SCHEMA_DIR / f"{schema}.schema.json").read_text(
        encoding="utf-8") for name, schema in EXPORT_FILES.items()}


def export_files(edition: Edition, info: EditionInfo, root: Path, note_html: Callable[[Note], str],
                 rendered: dict[str, RenderedText] | None, directory_urls: bool) -> dict[str, str]:
    """Path under the site → content of every file of ``data/``."""
    files = {path: dumps(data) for path, _, data in export_data(edition, info, root, note_html, rendered,
                                                                  directory_urls)}
    files.update(schema_files())
    return files


def document_page_urls(edition: Edition) -> dict[str, str]:
    """Document ID → its page's source path, to find the rendered pages to anchor against."""
    return {document_id: page_source_path(Ref(document_id)) for document_id in edition.documents}

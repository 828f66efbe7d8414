"""Start a new note: validate its target, choose a unique slug, write the front matter.

The file it writes deliberately does not pass the check yet: the title (unless given), the
first source and the body are left empty, so ``make check`` lists exactly what is left to
write. Nothing else in the edition is touched, and an existing file is never overwritten.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..sources.anchoring import find_quote
from ..sources.commentary import SLUG_PATTERN, suggest_refs
from ..diagnostics import Diagnostics
from ..sources.documents import load_document
from ..sources.edition import EditionConfig
from ..model import Clause, Document, Ref

__all__ = ["ScaffoldError", "slug_from", "note_template", "create_note", "existing_slugs"]

_MAX_SLUG_WORDS = 6


@dataclass
class ScaffoldError(Exception):
    """Why no note was written, and how to fix the command."""

    message: str
    hint: str = ""

    def __str__(self) -> str:
        return self.message + (f"\n    {self.hint}" if self.hint else "")


def slug_from(text: str) -> str:
    """A file-name slug from a title or phrase: lower-case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:_MAX_SLUG_WORDS])


def existing_slugs(commentary_dir: Path) -> set[str]:
    return {p.stem for p in commentary_dir.rglob("*.md")} if commentary_dir.is_dir() else set()


def _yaml_string(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, whatever quotes or colons it holds.
    return json.dumps(value, ensure_ascii=False)


def note_template(target: Ref, *, title: str, authors: Sequence[str], date: str, quote: str = "") -> str:
    """The text of a new note file. Empty values are the ones the contributor still owes."""
    lines = ["---", f"target: {target}"]
    if quote:
        lines.append(f"quote: {_yaml_string(quote)}")
    else:
        lines.append('# quote: "exact words of the clause"   # optional: ties the note to a phrase')
    lines.append(f"title: {_yaml_string(title)}")
    lines.append("authors:")
    for name in authors or [""]:
        lines.append(f"  - name: {_yaml_string(name)}")
    lines.append("    # url: https://example.org/you    # optional")
    lines += [
        f"date: {date}",
        "sources:        # at least two published sources a reader can check the note against",
        '  - id: ""        # a short key; cite the source in the body as [@key] where the claim is made',
        '    title: ""',
        '    publisher: ""',
        "    # date: YYYY-MM-DD",
        "    # url: https://...",
        "tags: []",
        "---",
        "",
    ]
    return "\n".join(lines)


def _load_documents(config: EditionConfig) -> dict[str, Document | None]:
    loaded: dict[str, Document | None] = {}
    for document_id in config.documents:
        sidecar = config.sources_path / f"{document_id}.yml"
        loaded[document_id] = load_document(sidecar, Diagnostics()) if sidecar.exists() else None
    return loaded


def _resolve_target(config: EditionConfig, target_text: str) -> tuple[Ref, Clause]:
    documents = _load_documents(config)
    all_refs = [str(c.ref) for d in documents.values() if d for c in d.clauses]
    target = Ref.parse(target_text)
    document = documents.get(target.document)
    if target.document in documents and document is None:
        raise ScaffoldError(f"document '{target.document}' has problems of its own, so its clauses are unknown",
                            "Run `make check` and fix those first.")
    clause = document.clause(target.clause) if document and target.clause else None
    if clause is None:
        suggestions = suggest_refs(target_text, all_refs)
        raise ScaffoldError(
            f"unknown target '{target_text}': a note targets one clause, written document/clause",
            f"Did you mean: {', '.join(suggestions)}?" if suggestions else
            f"Known documents: {', '.join(config.documents)}.")
    return target, clause


def _choose_slug(requested: str, title: str, quote: str, clause: Clause, taken: set[str]) -> str:
    if requested:
        if not SLUG_PATTERN.match(requested):
            raise ScaffoldError(f"'{requested}' is not a valid slug",
                                f"Use lower-case ASCII letters, digits and hyphens, e.g. '{slug_from(requested) or 'my-note'}'.")
        if requested in taken:
            raise ScaffoldError(f"a note with the slug '{requested}' already exists",
                                "Slugs are unique across the edition; choose another with --slug.")
        return requested
    base = slug_from(title) or slug_from(quote) or f"{clause.id.replace('.', '-')}-note"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_note(
    config: EditionConfig,
    target_text: str,
    *,
    slug: str = "",
    title: str = "",
    authors: Sequence[str] = (),
    quote: str = "",
    today: _dt.date | None = None,
) -> Path:
    """Write a new note for ``target_text`` and return its path; raise :class:`ScaffoldError`."""
    target, clause = _resolve_target(config, target_text.strip())
    if quote:
        found = find_quote(clause.display_text, quote)
        if found.matches != 1:
            problem = "does not occur" if found.matches == 0 else f"occurs {found.matches} times"
            raise ScaffoldError(f"the quote {problem} in {target}: {quote!r}",
                                f"Copy an exact phrase that occurs once. Clause text:\n    {clause.display_text}")
    chosen = _choose_slug(slug.strip(), title, quote, clause, existing_slugs(config.commentary_path))
    path = config.commentary_path / target.document / str(target.clause) / f"{chosen}.md"
    date = (today or _dt.date.today()).isoformat()
    text = note_template(target, title=title.strip(), authors=[a.strip() for a in authors if a.strip()],
                         date=date, quote=quote)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    return path

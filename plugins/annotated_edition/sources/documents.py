"""Load a document: its YAML sidecar and, when it has one, its verbatim text."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any

from .anchoring import AnchorProblem, ClauseSpec, anchor_clauses, find_quote
from ..diagnostics import Diagnostics
from .input_guards import outside_project
from .quote_hints import explain_quote_miss
from ..model import Clause, Document, EditorialNote, Ref, Signatory, SourceRef, TextLink
from .schema_check import validate
from .data_file_memo import load_checked
from .yaml_source import YamlMap, read_utf8

__all__ = ["load_document", "source_from"]


def source_from(data: dict[str, Any]) -> SourceRef:
    return SourceRef(
        title=str(data.get("title", "")),
        publisher=str(data.get("publisher", "")),
        date=str(data.get("date", "")),
        url=str(data.get("url", "")),
        id=str(data.get("id", "")),
        party=str(data.get("party", "")),
    )


def load_document(sidecar: Path, diagnostics: Diagnostics) -> Document | None:
    """Load and check one sidecar (and its text); problems go to ``diagnostics``."""
    found = Diagnostics()

    def check(data: Any) -> bool:
        if data is None and not found:
            found.error(sidecar, 1, 1, "the document sidecar is empty",
                        "A sidecar holds the document's metadata and clause map; see docs/data-formats.md.")
        if data is not None and not isinstance(data, YamlMap):
            found.error(sidecar, 1, 1, "a document sidecar must be a YAML mapping")
        return not (found or data is None or not validate(data, "document", sidecar, found))

    # Parsed and checked once per text when the checker remembers data files (data_file_memo.py).
    data, passed = load_checked(sidecar, "document", found, check)
    if not passed:
        diagnostics.extend(found)
        return None
    expected_id = sidecar.name.removesuffix(".yml").removesuffix(".yaml")
    if data["id"] != expected_id:
        line, column = data.at("id")
        found.error(sidecar, line, column,
                    f"document id '{data['id']}' does not match its file name '{sidecar.name}'",
                    f"Rename the file to {data['id']}.yml or set id: {expected_id}.")
    clauses_data = data["clauses"]
    _check_duplicate_ids(clauses_data, sidecar, found)
    text: str | None = None
    text_path: Path | None = None
    if "text" in data:
        text_path = sidecar.parent / data["text"]
        if (really := outside_project(text_path)) is not None:
            line, column = data.at("text")
            found.error(sidecar, line, column, f"'text' points outside the project, to {really}",
                        "Keep the document's text inside the project, next to its sidecar.")
        else:
            text = read_utf8(text_path, found)
    clauses = _build_clauses(data, text, sidecar, found)
    document = Document(
        id=data["id"],
        title=" ".join(data["title"].split()),
        short_title=data.get("short_title", data["title"]),
        date=data["date"],
        place=data.get("place", ""),
        language=data["language"],
        parties=list(data.get("parties", [])),
        signatories=[Signatory(s["name"], s.get("role", "")) for s in data.get("signatories", [])],
        source=source_from(data["source"]),
        licence=" ".join(str(data.get("licence", "")).split()),
        clauses=clauses,
        sidecar=sidecar,
        text=text,
        text_path=text_path,
        editorial_notes=_editorial_notes(data, clauses, sidecar, found),
    )
    # Text links are checked against the clauses, so the document is completed in a second step.
    document = replace(document, text_links=_build_text_links(data, document, sidecar, found))
    diagnostics.extend(found)
    return None if found else document


def _check_duplicate_ids(clauses_data: list[Any], sidecar: Path, found: Diagnostics) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(clauses_data):
        clause_id = item["id"]
        if clause_id in seen:
            line, column = item.at("id")
            found.error(sidecar, line, column, f"duplicate clause id '{clause_id}'",
                        f"It is already used by clause #{seen[clause_id] + 1}; clause IDs must be unique.")
        else:
            seen[clause_id] = index


def _build_clauses(data: YamlMap, text: str | None, sidecar: Path, found: Diagnostics) -> list[Clause]:
    clauses_data = data["clauses"]
    has_text = "text" in data
    for item in clauses_data:
        required, forbidden = ("starts", "summary") if has_text else ("summary", "starts")
        if required not in item:
            line, column = item.position
            found.error(sidecar, line, column, f"clause '{item['id']}' has no '{required}'",
                        "A document with a text anchors clauses by 'starts'; one without gives a 'summary'.")
        if forbidden in item and has_text:
            line, column = item.at(forbidden)
            found.error(sidecar, line, column, f"clause '{item['id']}' has '{forbidden}' but the document has a text")
    if found:
        return []
    if not has_text:
        return [
            Clause(data["id"], item["id"], item["label"], summary=" ".join(item["summary"].split()),
                   number=item.get("number"), level=item.get("level", 1), line=item.position[0])
            for item in clauses_data
        ]
    if text is None:
        return []
    specs = [ClauseSpec(item["id"], item["starts"], item.get("ends", "")) for item in clauses_data]
    result = anchor_clauses(text, specs)
    if isinstance(result, AnchorProblem):
        item = next((i for i in clauses_data if i["id"] == result.clause), clauses_data[0])
        line, column = item.at("starts") if result.clause else clauses_data.position
        near_miss = explain_quote_miss(item["starts"], text) if "are not in the text" in result.message else ""
        found.error(sidecar, line, column, result.message, "\n".join(filter(None, [near_miss, result.hint])))
        return []
    return [
        Clause(data["id"], item["id"], item["label"], text=text[span.start:span.end],
               start=span.start, end=span.end, number=item.get("number"), level=item.get("level", 1),
               summary=" ".join(str(item.get("summary", "")).split()), line=item.position[0])
        for item, span in zip(clauses_data, result)
    ]


def _build_text_links(data: YamlMap, document: Document, sidecar: Path, found: Diagnostics) -> list[TextLink]:
    links: list[TextLink] = []
    for item in data.get("text_links", []):
        clause = document.clause(item["clause"])
        line, column = item.position
        if clause is None or clause.text is None:
            if document.clauses:
                found.error(sidecar, line, column, f"text link names unknown clause '{item['clause']}'")
            continue
        result = find_quote(clause.text, item["quote"], item.get("prefix", ""), item.get("suffix", ""))
        if result.span is None:
            what = "not found" if result.matches == 0 else f"found {result.matches} times"
            near_miss = explain_quote_miss(item["quote"], clause.text) if result.matches == 0 else ""
            found.error(sidecar, line, column, f"text link quote {item['quote']!r} {what} in clause '{clause.id}'",
                        (near_miss + "\n" if near_miss else "") + f"Clause text: {clause.text}")
            continue
        links.append(TextLink(clause.id, item["quote"], result.span[0], result.span[1], Ref.parse(item["to"])))
    return links


def _editorial_notes(data: YamlMap, clauses: list[Clause], sidecar: Path, found: Diagnostics) -> list[EditorialNote]:
    """The editors' remarks, each placed before a clause that must exist."""
    notes: list[EditorialNote] = []
    known = [clause.id for clause in clauses]
    entries = data.get("editorial_notes") or {}
    for note_id, entry in entries.items():
        if clauses and entry["before"] not in known:
            line, column = entry.at("before")
            close = difflib.get_close_matches(entry["before"], known, n=3)
            found.error(sidecar, line, column, f"editorial note '{note_id}' is placed before unknown clause "
                        f"'{entry['before']}'",
                        f"Did you mean: {', '.join(close)}?" if close else "Name one of this document's clause IDs.")
            continue
        notes.append(EditorialNote(note_id, " ".join(entry["title"].split()), entry["before"],
                                   " ".join(entry["text"].split())))
    return notes

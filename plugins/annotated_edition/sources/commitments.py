"""What became of each commitment: load and check ``commitments.yml``, the implementation tracker.

Each commitment belongs to a clause (optionally to a phrase of it, anchored like a note's
quote) and carries a dated history of statuses, oldest first. The vocabulary follows the Peace
Accords Matrix (Kroc Institute), which codes a provision's implementation on a scale of 0 to 3;
``stalled`` and ``reversed`` are ours and keep the level last reached, so the export can still
give a number for every year. One ``as_of`` date covers the whole tracker: no entry may be
dated after it, because the edition asserts nothing it has not checked.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from pathlib import Path
from typing import Callable

from .anchoring import find_quote
from .commentary import suggest_refs
from ..diagnostics import Diagnostics
from .documents import source_from
from ..model import Clause, Commitment, Edition, Ref, StatusEntry
from .schema_check import validate
from .yaml_source import YamlList, YamlMap, load_yaml_file

__all__ = ["STATUSES", "LEVELS", "STATUS_LABELS", "load_commitments", "commitments_for", "status_on",
           "commitment_anchor"]

# The vocabulary, in the order a reader meets it; the value is the Peace Accords Matrix level
# (None: the level is the last one reached before).
STATUSES: dict[str, int | None] = {
    "not-begun": 0, "begun": 1, "partial": 2, "fulfilled": 3, "stalled": None, "reversed": None,
}
STATUS_LABELS: dict[str, str] = {
    "not-begun": "Not begun", "begun": "Begun", "partial": "Partially done", "fulfilled": "Fulfilled",
    "stalled": "Stalled", "reversed": "Reversed",
}
LEVELS: dict[int, str] = {0: "not implemented", 1: "minimal", 2: "intermediate", 3: "full"}

_SOURCES_HINT = ("Every status entry rests on at least one source: official releases first (DPAA, "
                 "State Department, ROK Ministry of Unification or of National Defense, KCNA), then wire "
                 "services and research reports. Give title, publisher and date; a url only if you are sure of it.")


def commitment_anchor(commitment: Commitment) -> str:
    return f"commitment-{commitment.id}"


def _sort_key(date: str) -> tuple[int, int, int]:
    parts = [int(p) for p in date.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def _calendar_problem(date: str) -> str | None:
    year, month, day = _sort_key(date)
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError as error:
        return str(error)
    return None


def commitments_for(edition: Edition, ref: Ref) -> list[Commitment]:
    return [c for c in edition.commitments if c.target == ref]


def status_on(commitment: Commitment, date: str) -> StatusEntry | None:
    """The entry in force on ``date`` (the last one dated on or before it), None before the first."""
    key = _sort_key(date)
    found = None
    for entry in commitment.statuses:
        if _sort_key(entry.date) <= key:
            found = entry
    return found


def _closest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.4)
    return f"Did you mean '{close[0]}'? " if close else ""


def _precheck(data: YamlMap, path: Path, found: Diagnostics) -> set[tuple[int, int]]:
    """Mistakes a contributor is likely to make, reported with a better hint than the schema's;
    returns where they are, so the schema's own report of the same spot is left out."""
    reported: set[tuple[int, int]] = set()
    items = data.get("commitments")
    if not isinstance(items, YamlList):
        return reported
    vocabulary = list(STATUSES)
    for item in items:
        if not isinstance(item, YamlMap) or not isinstance(item.get("statuses"), YamlList):
            continue
        name = item.get("id", "?")
        entries: YamlList = item["statuses"]
        for index, entry in enumerate(entries):
            if not isinstance(entry, YamlMap):
                continue
            status = entry.get("status")
            if isinstance(status, str) and status not in STATUSES:
                where = entry.at("status")
                found.error(path, *where, f"commitment '{name}': status {status!r} is not in the vocabulary",
                            _closest(status, vocabulary) + f"Use one of: {', '.join(vocabulary)}.")
                reported.add(where)
            sources = entry.get("sources")
            if sources is None or (isinstance(sources, list) and not sources):
                where = entry.at("sources") if sources is not None else entries.at(index)
                dated = f" dated {entry['date']}" if isinstance(entry.get("date"), str) else ""
                found.error(path, *where, f"commitment '{name}': status entry{dated} has no sources", _SOURCES_HINT)
                reported.add(where)
    return reported


def _load(path: Path, found: Diagnostics) -> YamlMap | None:
    data = load_yaml_file(path, found)
    if data is None:
        return None
    if not isinstance(data, YamlMap):
        found.error(path, 1, 1, f"{path.name} must be a mapping with 'as_of', 'parties' and 'commitments'",
                    "Start the file with 'as_of:', then 'parties:', then 'commitments:' listing one per entry.")
        return None
    reported = _precheck(data, path, found)
    schema_found = Diagnostics()
    validate(data, "commitments", path, schema_found)
    others = [d for d in schema_found.items if (d.line, d.column) not in reported]
    found.items.extend(others)
    # When the schema's only complaints are the ones reported above, the rest of the file is
    # still checked, so one run shows every mistake.
    return None if others else data


def _check_quote(item: YamlMap, clause: Clause, path: Path, found: Diagnostics) -> tuple[int, int] | None:
    text = clause.display_text
    result = find_quote(text, item["quote"], item.get("prefix", ""), item.get("suffix", ""))
    if result.matches == 0:
        found.error(path, *item.at("quote"), f"commitment '{item['id']}': quote not found in clause "
                    f"'{clause.ref}': {item['quote']!r}",
                    f"The quote must match the clause text exactly. Clause text:\n{text}")
    elif result.matches > 1:
        found.error(path, *item.at("quote"), f"commitment '{item['id']}': quote occurs {result.matches} times "
                    f"in clause '{clause.ref}'", "Add 'prefix' or 'suffix' (the words just before or after) to pick one.")
    return result.span


def _entries(item: YamlMap, as_of: str, event_ids: set[str] | None, path: Path,
             found: Diagnostics) -> list[StatusEntry]:
    entries: list[StatusEntry] = []
    listed: YamlList = item["statuses"]
    level = 0
    previous: str | None = None
    for entry in listed:
        date = entry["date"]
        where = entry.at("date")
        problem = _calendar_problem(date)
        if problem:
            found.error(path, *where, f"commitment '{item['id']}': impossible date {date!r} ({problem})",
                        "Write a real calendar date as YYYY, YYYY-MM or YYYY-MM-DD.")
        elif _sort_key(date) > _sort_key(as_of):
            found.error(path, *where, f"commitment '{item['id']}': status dated {date}, after the tracker's "
                        f"as_of date {as_of}",
                        "Nothing is asserted past 'as_of': move 'as_of' forward once the later development "
                        "has been checked against its sources, or remove the entry.")
        elif previous is not None and _sort_key(date) < _sort_key(previous):
            found.error(path, *where, f"commitment '{item['id']}': status dated {date} comes after one dated "
                        f"{previous}", "List the statuses oldest first.")
        previous = date
        events: YamlList = entry.get("events", YamlList())
        for index, event in enumerate(events):
            if event_ids is not None and event not in event_ids:
                close = difflib.get_close_matches(event, sorted(event_ids), n=3, cutoff=0.5)
                found.error(path, *events.at(index), f"commitment '{item['id']}': unknown timeline event '{event}'",
                            (f"Did you mean: {', '.join(close)}? " if close else "")
                            + "Events are the IDs in timeline.yml; add the event there first.")
        fixed = STATUSES.get(entry["status"])  # a word outside the vocabulary is already reported
        level = fixed if fixed is not None else level
        entries.append(StatusEntry(date=date, status=entry["status"], level=level,
                                   text=" ".join(entry["text"].split()), events=tuple(events),
                                   sources=tuple(source_from(s) for s in entry.get("sources") or ()),
                                   line=entry.position[0]))
    return entries


def load_commitments(path: Path, clause: Callable[[Ref], Clause | None], all_refs: list[str],
                     event_ids: set[str] | None, diagnostics: Diagnostics) -> tuple[list[Commitment], str]:
    """Load and check ``commitments.yml``: the commitments in file order and the ``as_of`` date.
    A missing file means no tracker. ``event_ids`` None skips the event check (the timeline
    itself failed to load, and every reference would be reported twice)."""
    if not path.exists():
        return [], ""
    found = Diagnostics()
    data = _load(path, found)
    if data is None:
        diagnostics.extend(found)
        return [], ""
    as_of: str = data["as_of"]
    if _calendar_problem(as_of):
        found.error(path, *data.at("as_of"), f"as_of {as_of!r} is not a real date", "Write YYYY-MM-DD.")
        diagnostics.extend(found)
        return [], ""
    parties: YamlMap = data["parties"]
    first_line: dict[str, int] = {}
    commitments: list[Commitment] = []
    for item in data["commitments"]:
        if item["id"] in first_line:
            found.error(path, *item.at("id"), f"duplicate commitment id '{item['id']}'",
                        f"It is already used on line {first_line[item['id']]}; commitment IDs must be unique.")
        first_line.setdefault(item["id"], item.at("id")[0])
        target = Ref.parse(item["target"])
        target_clause = clause(target)
        span = None
        if target_clause is None:
            suggestions = suggest_refs(str(target), all_refs)
            found.error(path, *item.at("target"), f"commitment '{item['id']}' targets unknown clause '{target}'",
                        f"Did you mean: {', '.join(suggestions)}?" if suggestions else "Write document/clause.")
        elif "quote" in item:
            span = _check_quote(item, target_clause, path, found)
        related = bool(item.get("related", False))
        if related and "basis" not in item:
            found.error(path, *item.at("related"), f"related undertaking '{item['id']}' does not say where it was made",
                        "Add 'basis': who made the undertaking, where and when (it is not in the text).")
        if "basis" in item and not related:
            found.error(path, *item.at("basis"), f"commitment '{item['id']}' has a 'basis' but is not related",
                        "Add 'related: true' for an undertaking made outside the text, or remove 'basis'.")
        names: list[str] = []
        listed: YamlList = item["parties"]
        for index, key in enumerate(listed):
            if key not in parties:
                found.error(path, *listed.at(index), f"commitment '{item['id']}': unknown party '{key}'",
                            _closest(key, list(parties)) + f"Parties are the keys under 'parties': {', '.join(parties)}.")
            else:
                names.append(" ".join(str(parties[key]).split()))
        entries = _entries(item, as_of, event_ids, path, found)
        commitments.append(Commitment(
            id=item["id"], target=target, parties=tuple(names), summary=" ".join(item["summary"].split()),
            statuses=tuple(entries), related=related, basis=" ".join(item.get("basis", "").split()),
            quote=item.get("quote", ""), span=span, line=item.position[0]))
    diagnostics.extend(found)
    return ([], "") if found else (commitments, as_of)

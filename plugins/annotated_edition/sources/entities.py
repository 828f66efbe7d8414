"""People, places, organizations and terms: load ``entities.yml`` and find their mentions.

A mention is an occurrence of one of an entity's aliases in a clause's text (the verbatim
slice, or our summary for a document we do not reproduce). Matching is exact and
case-sensitive, on whole words only: "DPRK" matches in "U.S.–DPRK" and "Korea" in "Korea’s"
(an apostrophe ends a word), but "Korea" never matches inside "Korean". A space in an alias
matches any run of whitespace, so a name broken over a line still counts.

Where candidates overlap, the longest wins, then the earliest: "President Donald J. Trump"
is one mention, not "President" plus "Donald J. Trump". Ranges already taken by a link in the
text are skipped, because a link must never sit inside another link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

from ..diagnostics import Diagnostics
from .documents import source_from
from ..model import Clause, Entity, Mention
from .schema_check import load_listing
from .yaml_source import Position, YamlList

__all__ = ["AliasMatch", "AliasMatcher", "load_entities", "ENTITY_TYPES"]

ENTITY_TYPES: dict[str, str] = {
    "person": "People", "place": "Places", "organization": "Organizations", "term": "Terms",
}

Span = tuple[int, int]


@dataclass(frozen=True)
class AliasMatch:
    start: int
    end: int
    alias: str
    entity: str


def _alias_pattern(alias: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(word) for word in alias.split())
    # Only an alias edge that is itself a word character needs a boundary beside it.
    before = r"(?<!\w)" if re.match(r"\w", alias[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", alias[-1]) else ""
    return re.compile(before + body + after)


def _overlaps(span: Span, taken: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


class AliasMatcher:
    """Finds every entity's aliases in a text; built once, used on every clause."""

    def __init__(self, aliases: dict[str, str]) -> None:
        """``aliases`` maps each alias to the ID of the entity that claims it."""
        self.aliases = dict(aliases)

    @cached_property
    def _patterns(self) -> list[tuple[str, re.Pattern[str], str]]:
        # Each alias's first word: every match of its pattern contains it, so a text without it
        # is passed over without a search (most clauses mention few of a large edition's terms).
        return [(alias, _alias_pattern(alias), (alias.split() or [""])[0]) for alias in sorted(self.aliases)]

    @staticmethod
    def _occurrences(pattern: re.Pattern[str], text: str) -> list[Span]:
        # Search again from one past each match start, so overlapping occurrences are seen too.
        spans: list[Span] = []
        position = 0
        while (match := pattern.search(text, position)) is not None:
            spans.append(match.span())
            position = match.start() + 1
        return spans

    def occurs(self, alias: str, text: str) -> bool:
        """Whether ``alias`` occurs in ``text`` at all (ignoring links and longer aliases)."""
        return _alias_pattern(alias).search(text) is not None

    def find(self, text: str, blocked: Iterable[Span] = ()) -> list[AliasMatch]:
        """Non-overlapping mentions in ``text``, in text order, none touching ``blocked``."""
        blocked = list(blocked)
        candidates = [
            AliasMatch(start, end, alias, self.aliases[alias])
            for alias, pattern, first_word in self._patterns if first_word in text
            for start, end in self._occurrences(pattern, text)
            if not _overlaps((start, end), blocked)
        ]
        candidates.sort(key=lambda m: (m.start - m.end, m.start, m.alias))
        chosen: list[AliasMatch] = []
        for candidate in candidates:
            if not _overlaps((candidate.start, candidate.end), [(c.start, c.end) for c in chosen]):
                chosen.append(candidate)
        return sorted(chosen, key=lambda m: m.start)


@dataclass(frozen=True)
class _AliasSite:
    entity: str
    position: Position


def _collect_aliases(items: YamlList, path: Path, diagnostics: Diagnostics) -> dict[str, _AliasSite]:
    sites: dict[str, _AliasSite] = {}
    for item in items:
        aliases = item.get("aliases", YamlList())
        for index, alias in enumerate(aliases):
            position = aliases.at(index) if isinstance(aliases, YamlList) else item.position
            earlier = sites.get(alias)
            if earlier is None:
                sites[alias] = _AliasSite(item["id"], position)
            elif earlier.entity == item["id"]:
                diagnostics.error(path, *position, f"entity '{item['id']}' lists the alias {alias!r} twice",
                                  "Remove the repeated alias.")
            else:
                diagnostics.error(path, *position,
                                  f"alias {alias!r} is claimed by two entities: '{earlier.entity}' "
                                  f"(line {earlier.position[0]}) and '{item['id']}'",
                                  "An alias must point at one entity; keep it on the one the texts mean.")
    return sites


def _check_ids(items: YamlList, path: Path, diagnostics: Diagnostics) -> None:
    first_line: dict[str, int] = {}
    for item in items:
        if item["id"] in first_line:
            diagnostics.error(path, *item.at("id"), f"duplicate entity id '{item['id']}'",
                              f"It is already used on line {first_line[item['id']]}; entity IDs must be unique.")
        else:
            first_line[item["id"]] = item.at("id")[0]


def load_entities(
    path: Path,
    clauses: list[Clause],
    blocked: Callable[[Clause], list[Span]],
    diagnostics: Diagnostics,
) -> tuple[list[Entity], list[Mention]]:
    """Load and check ``entities.yml``, then find every mention in ``clauses``.

    ``blocked`` gives, for a clause, the ranges of its text that are already links.
    A missing file means an edition without entities. Problems go to ``diagnostics``.
    """
    found = Diagnostics()
    listed = load_listing(path, "entities", "entities", found)
    if listed is None:
        diagnostics.extend(found)
        return [], []
    items: YamlList = listed
    _check_ids(items, path, found)
    sites = _collect_aliases(items, path, found)
    matcher = AliasMatcher({alias: site.entity for alias, site in sites.items()})
    texts = [clause.display_text for clause in clauses]
    for alias, site in sites.items():
        if not any(matcher.occurs(alias, text) for text in texts):
            found.error(path, *site.position, f"alias {alias!r} of entity '{site.entity}' occurs in no clause text",
                        "Aliases are exact, case-sensitive forms from a clause's text or summary; fix the "
                        "spelling or remove the alias.")
    entities = [
        Entity(id=item["id"], name=" ".join(item["name"].split()), type=item["type"],
               aliases=tuple(item.get("aliases", ())), description=" ".join(item["description"].split()),
               sources=tuple(source_from(s) for s in item["sources"]), line=item.position[0])
        for item in items
    ]
    mentions = [
        Mention(match.entity, clause.ref, match.start, match.end, match.alias)
        for clause in clauses
        for match in matcher.find(clause.display_text, blocked(clause))
    ]
    diagnostics.extend(found)
    return ([], []) if found else (entities, mentions)

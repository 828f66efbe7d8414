""""Propose a note on this passage": what a document or clause page needs for it.

A reader selects words in a clause; a small script shipped with the site (assets/propose.js)
writes a complete note file for them and opens the forge's new-file editor with it (GitHub's
``/new/<branch>?filename=…&value=…``): no server and no login on the edition's side. The
script needs, for the clauses on the page, their exact text (the quote, prefix and suffix are
computed on it, by the rules of :func:`..sources.anchoring.find_quote`), in a JSON block on the
page, and the slugs already taken (slugs are unique across the edition), in one script shared by
every page; each paragraph of a clause carries its offset in the clause text (``data-at``), so a
selection on the page maps to exact offsets.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from ..model import Document, Edition

__all__ = ["ProposeSettings", "REPOSITORY_FORM", "PROPOSE_SCRIPTS", "PROPOSE_FOLDER", "clauses_script", "clauses_script_path",
           "repository_problem", "taken_slugs_script"]

# What a site that offers proposing ships: the slugs first (the script reads them), then the script.
PROPOSE_SLUGS = "assets/annotated-edition/propose-slugs.js"
# Each document's clause texts, beside propose.js, which loads the ones a page shows.
PROPOSE_FOLDER = "assets/annotated-edition/propose"
PROPOSE_SCRIPTS: tuple[str, ...] = (PROPOSE_SLUGS, "assets/annotated-edition/propose.js")

REPOSITORY_FORM = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


@dataclass(frozen=True)
class ProposeSettings:
    repository: str
    """``owner/name`` on GitHub."""
    branch: str
    notes_folder: str
    """The notes folder as a path in the repository, e.g. ``docs/commentary``."""

    @property
    def new_file_url(self) -> str:
        return f"https://github.com/{self.repository}/new/{quote(self.branch, safe='')}"


def repository_problem(repository: str, branch: str) -> str | None:
    """Why the configured repository or branch cannot work (None if they can)."""
    if not REPOSITORY_FORM.match(repository):
        return (f"propose_repository is '{repository}'; write the GitHub repository as owner/name, "
                "e.g. annotated-edition/singapore-2018, or leave it empty to turn proposing off")
    if not branch.strip() or any(c.isspace() for c in branch):
        return f"propose_branch is '{branch}'; give the name of the branch notes are proposed to, e.g. main"
    return None


def _json(data: object) -> str:
    # "</" could close a script element early; JSON allows "<\/" for it.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def clauses_script(document: Document) -> str:
    """One document's clause texts, for ``propose/<document>.js``: the texts a selection is
    measured against (quote, prefix and suffix are computed on them)."""
    texts = {clause.id: clause.display_text for clause in document.clauses}
    return (f"(window.aeProposeClauses = window.aeProposeClauses || {{}})[{_json(document.id)}] = "
            f"{_json(texts)};\n")


def clauses_script_path(document: Document) -> str:
    return f"{PROPOSE_FOLDER}/{document.id}.js"


def taken_slugs_script(edition: Edition, settings: ProposeSettings) -> str:
    """One script for the whole site: where to propose, and the slugs already taken (a page's
    size must not grow with the number of notes in the edition, so they are not in each page)."""
    where = {"newFileUrl": settings.new_file_url, "notesFolder": settings.notes_folder.strip("/")}
    return (f"window.aeProposeSettings = {_json(where)};\n"
            f"window.aeProposeTakenSlugs = {_json(sorted(note.slug for note in edition.notes))};\n")

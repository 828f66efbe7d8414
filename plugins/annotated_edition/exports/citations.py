"""Citations of a clause (or a whole document) of the edition, in the forms researchers use.

Three formats say the same thing: a Chicago-like sentence, a BibTeX entry and a CSL-JSON
item. Each names the clause, the edition (title, editors, version, date) and the clause's
permalink, absolute when the site's address (``site_url``) is known.

A document the edition does not reproduce (the Panmunjom Declaration) is shown as the editors'
summary of each clause. Its citations say so in the title ("…: editors' summary") and point to
the official text, so that nobody quotes our summary as the treaty's words. ``head_meta_tags``
gives the same facts as ``citation_*`` (Highwire Press) and Dublin
Core ``<meta>`` tags, which reference managers read from a page's ``<head>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .edition_info import EditionInfo
from .json_text import dumps_sorted
from ..render.fragments import ref_label
from ..model import Edition, Ref
from ..sources.timeline import date_sort_key, format_date
from ..urls import page_source_path, page_url

__all__ = ["Citation", "cite", "plain_text", "editors_phrase", "SUMMARY_WORDS", "bibtex", "csl_json_item", "csl_json",
           "head_meta_tags"]


@dataclass(frozen=True)
class Citation:
    ref: Ref
    key: str
    title: str
    container: str
    editors: tuple[str, ...]
    version: str
    date: str
    url: str
    language: str
    original_title: str
    original_date: str
    original_url: str
    rights: str
    summary: bool = False
    """True when the page cited holds the editors' summary, not the document's text."""


def cite(edition: Edition, info: EditionInfo, ref: Ref, directory_urls: bool = False) -> Citation:
    """Everything a citation of ``ref`` (a clause or a document) says."""
    document = edition.documents[ref.document]
    site_path = page_url(page_source_path(ref), directory_urls)
    summary = not document.has_text
    title = ref_label(edition, ref) if ref.clause else document.title
    return Citation(
        ref=ref,
        key=re.sub(r"[^A-Za-z0-9.:-]+", "-", str(ref)).replace("/", "-"),
        title=f"{title}: {SUMMARY_WORDS}" if summary else title,
        container=info.title,
        editors=info.editors,
        version=info.version,
        date=info.date,
        url=info.url(site_path),
        language=document.language or info.language,
        original_title=document.title,
        original_date=document.date,
        original_url=document.source.url,
        rights=info.licence,
        summary=summary,
    )


SUMMARY_WORDS = "editors\u2019 summary"


def _official(citation: Citation) -> str:
    """The sentence that sends a reader of a summary to the official text (plain text)."""
    where = f", {citation.original_url}" if citation.original_url else ""
    return f" Summarizes {citation.original_title} ({format_date(citation.original_date)}); official text{where}."


def editors_phrase(editors: tuple[str, ...]) -> str:
    """"A and B", "A, B, and C": the editors as a citation names them."""
    if len(editors) <= 2:
        return " and ".join(editors)
    return ", ".join(editors[:-1]) + ", and " + editors[-1]


def plain_text(citation: Citation) -> str:
    """The same sentence as plain text, for pasting anywhere."""
    edited = f", edited by {editors_phrase(citation.editors)}" if citation.editors else ""
    return (f"“{citation.title}.” In {citation.container}{edited}. "
            f"Version {citation.version}, {format_date(citation.date)}. {citation.url}."
            + (_official(citation) if citation.summary else ""))


_BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                    "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bibtex_text(value: str) -> str:
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in value)


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def bibtex(citation: Citation) -> str:
    """A ``@misc`` entry; corporate names are braced so BibTeX does not split them."""
    year, month, _ = date_sort_key(citation.date)
    fields: list[tuple[str, str]] = [
        ("title", "{" + _bibtex_text(citation.title) + "}"),
        ("howpublished", "In \\emph{" + _bibtex_text(citation.container) + "}"),
    ]
    if citation.editors:
        fields.append(("editor", " and ".join("{" + _bibtex_text(e) + "}" for e in citation.editors)))
    fields += [("year", str(year))]
    if month:
        fields.append(("month", _MONTHS[month - 1]))
    fields += [
        ("date", citation.date),
        ("version", _bibtex_text(citation.version)),
        ("url", citation.url),
        ("note", "Version " + _bibtex_text(citation.version) + ". "
         + ("Editors' summary of " if citation.summary else "Text of ")
         + _bibtex_text(citation.original_title) + ", " + format_date(citation.original_date)
         + ("; official text: \\url{" + citation.original_url + "}"
            if citation.summary and citation.original_url else "")),
    ]
    body = ",\n".join(f"  {name} = " + (value if name == "month" else "{" + value + "}") for name, value in fields)
    return f"@misc{{{citation.key},\n{body}\n}}"


def _date_parts(date: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[part for part in date_sort_key(date) if part]]}


def csl_json_item(citation: Citation) -> dict[str, object]:
    item: dict[str, object] = {
        "id": str(citation.ref),
        "type": "webpage",
        "title": citation.title,
        "container-title": citation.container,
        "issued": _date_parts(citation.date),
        "original-date": _date_parts(citation.original_date),
        "original-title": citation.original_title,
        "version": citation.version,
        "URL": citation.url,
        "language": citation.language,
    }
    if citation.editors:
        item["editor"] = [{"literal": name} for name in citation.editors]
    if citation.summary:
        item["note"] = _official(citation).strip()
    return item


def csl_json(citation: Citation) -> str:
    """A CSL-JSON array holding the one item, as reference managers import it."""
    return dumps_sorted([csl_json_item(citation)])


def head_meta_tags(citation: Citation) -> list[tuple[str, str]]:
    """(name, content) of the ``<meta>`` tags for the page's ``<head>``: Highwire Press
    ``citation_*`` and Dublin Core. The markup is the template ``head_meta.html``."""
    tags: list[tuple[str, str]] = [("citation_title", citation.title)]
    tags += [("citation_author", editor) for editor in citation.editors]
    tags += [
        ("citation_date", citation.date.replace("-", "/")),
        ("citation_publication_date", citation.date.replace("-", "/")),
        ("citation_inbook_title", citation.container),
        ("citation_language", citation.language),
    ]
    absolute = citation.url.startswith(("http://", "https://"))
    if absolute:  # a path relative to an unknown site root identifies nothing
        tags.append(("citation_public_url", citation.url))
    tags.append(("DC.title", citation.title))
    tags += [("DC.creator", editor) for editor in citation.editors]
    tags += [
        ("DC.date", citation.date),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.language", citation.language),
        *([("DC.identifier", citation.url)] if absolute else []),
        ("DC.relation", citation.container),
        ("DCTERMS.isPartOf", citation.container),
        ("DCTERMS.hasVersion", citation.version),
        ("DCTERMS.issued", citation.date),
    ]
    if citation.original_url:
        tags.append(("DC.source", citation.original_url))
    if citation.rights:
        tags.append(("DC.rights", citation.rights))
    return tags

"""Write a synthetic edition of any size, for the benchmark (scripts/bench.py).

The corpus is shaped like the real one, scaled: ``documents`` documents of ``clauses`` clauses
each, ``notes_per_clause`` notes on every clause. Even-numbered documents carry a verbatim text
anchored by each clause's opening words (like the Singapore statement); odd-numbered ones carry
only our summaries (like the Panmunjom outline). The first note on each clause is anchored to a
phrase of the clause, so the document pages get phrase markers and popovers. Every document's
clauses are cross-referenced to the previous document, and each text has an in-text link, so
pages carry links and backlinks; their number per page stays constant as the corpus grows
(what a real edition looks like, and what the size targets are about). Eight glossary terms
occur throughout the texts (each becomes a mention link), and the timeline has one event per
document.

Everything is deterministic: the same size gives byte-identical files.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CorpusSize", "write_corpus", "document_id"]

_VERBS = ("affirm", "undertake", "agree", "resolve", "recognize", "commit", "endeavour", "declare")
_OBJECTS = ("lasting peace", "mutual confidence", "open communication", "the return of remains",
            "economic cooperation", "a durable settlement", "the reduction of tension", "regular dialogue")
_CROSSREF_TYPES = ("parallels", "echoes", "implements", "reaffirms", "contrasts", "relates-to")


@dataclass(frozen=True)
class CorpusSize:
    documents: int
    clauses: int = 20
    notes_per_clause: int = 2

    @property
    def clause_pages(self) -> int:
        return self.documents * self.clauses

    @property
    def notes(self) -> int:
        return self.clause_pages * self.notes_per_clause


def document_id(index: int) -> str:
    return f"doc-{index:04d}"


def _phrase(doc: int, clause: int) -> str:
    """A phrase that occurs once in its clause: what the first note on the clause quotes."""
    return f"{_OBJECTS[(doc + clause) % len(_OBJECTS)]} in matter {doc}-{clause}"


def _clause_text(doc: int, clause: int) -> str:
    verb = _VERBS[(doc * 7 + clause) % len(_VERBS)]
    return (
        f"Article {clause + 1} of instrument {doc}. The parties {verb} to pursue {_phrase(doc, clause)}, "
        f"and to report each year on the steps taken under this article. They note that the matters "
        f"set out here concern both parties equally, and that nothing in this article limits the "
        f"obligations either party holds under earlier agreements between them."
    )


def _clause_summary(doc: int, clause: int) -> str:
    return (f"Our summary of article {clause + 1} of instrument {doc}: the parties seek "
            f"{_phrase(doc, clause)} and agree to review progress every year.")


def _clause_id(clause: int) -> str:
    return f"article-{clause + 1}"


def _sidecar(doc: int, size: CorpusSize) -> str:
    has_text = doc % 2 == 0
    lines = [
        f"id: {document_id(doc)}",
        f"title: Synthetic instrument number {doc} between two parties, for benchmarking",
        f"short_title: Instrument {doc}",
        f'date: "2018-{1 + doc % 12:02d}-{1 + doc % 28:02d}"',
        "place: Nowhere in particular",
        "language: en",
        "parties: [First Party, Second Party]",
        "signatories:",
        "  - {name: A. Signatory, role: For the first party}",
        "  - {name: B. Signatory, role: For the second party}",
    ]
    if has_text:
        lines.append(f"text: {document_id(doc)}.en.txt")
    lines += [
        "source:",
        f"  title: Synthetic instrument number {doc}",
        "  publisher: The benchmark",
        '  date: "2018-01-01"',
        f"  url: https://example.org/instruments/{doc}",
        "licence: Generated text for benchmarking; no rights reserved.",
        "clauses:",
    ]
    for clause in range(size.clauses):
        lines += [f"  - id: {_clause_id(clause)}", f'    label: "Art. {clause + 1}"', f"    number: {clause + 1}"]
        if has_text:
            lines.append(f'    starts: "Article {clause + 1} of instrument {doc}."')
        else:
            lines.append(f'    summary: "{_clause_summary(doc, clause)}"')
    if has_text and doc > 0:
        lines += ["text_links:", f"  - clause: {_clause_id(0)}", '    quote: "the steps taken under this article"',
                  f"    to: {document_id(doc - 1)}/{_clause_id(0)}"]
    return "\n".join(lines) + "\n"


def _text(doc: int, size: CorpusSize) -> str:
    return "\n\n".join(_clause_text(doc, clause) for clause in range(size.clauses)) + "\n"


def _note(doc: int, clause: int, number: int) -> str:
    target = f"{document_id(doc)}/{_clause_id(clause)}"
    quote = f'quote: "{_phrase(doc, clause)}"\n' if number == 0 else ""
    body = textwrap.dedent(f"""\
        This note on {target} explains what the clause asks of each party, and why its wording
        was chosen over the alternatives the negotiators are reported to have weighed. It is
        generated text, but of the length and shape of the edition's real notes (about two
        thousand characters: paragraphs, a list, *emphasis*, a link and a footnote), so that
        loading and rendering it cost what a real note costs.[^1]

        Three things stand out in the wording of article {clause + 1}:

        - the first party's undertaking is stated in general terms, without a date;
        - the second party's undertaking mirrors it, **word for word**, which is unusual;
        - neither undertaking names a body that would verify the steps taken.

        The clause should be read with its neighbours. The article before it sets out the
        general aim, and the article after it the procedure for review; read alone, this one
        seems to promise more than the instrument as a whole delivers. Commentators have made
        the same point about comparable clauses in [earlier instruments](https://example.org/earlier).

        The drafting history is thin. What is on the public record is a sequence of statements by
        both sides, made before and after the signing, that describe the undertaking in terms the
        text itself does not use; the note quotes none of them, because each is disputed, and
        refers the reader to the sources instead.

        A later agreement returned to the same matter, and the commentary on that agreement links
        back here. Whether the later text narrowed or widened the undertaking is disputed; the
        sources below take opposite views [@instrument]. Note {number + 1} of {doc}-{clause} ends here.

        [^1]: A footnote, numbered within the note, so ids never collide on a page.
        """)
    return (f"---\ntarget: {target}\n{quote}title: Note {number + 1} on article {clause + 1} of instrument {doc}\n"
            f"authors:\n  - name: Bench Author {number}\n    url: https://example.org/authors/{number}\n"
            f"date: 2025-{1 + (doc + clause) % 12:02d}-{1 + (clause + number) % 28:02d}\n"  # never in the future
            f"sources:\n  - id: instrument\n    title: Synthetic instrument number {doc}\n    publisher: The benchmark\n"
            f"    date: 2018-01-01\n    url: https://example.org/instruments/{doc}\n"
            f"tags: [synthetic, matter-{clause % 5}]\n---\n{body}")


def _crossrefs(size: CorpusSize) -> str:
    lines = ["crossrefs:"]
    for doc in range(1, size.documents):
        for clause in range(0, size.clauses, 2):
            kind = _CROSSREF_TYPES[(doc + clause) % len(_CROSSREF_TYPES)]
            lines += [f"  - from: {document_id(doc)}/{_clause_id(clause)}", f"    type: {kind}",
                      f"    to: {document_id(doc - 1)}/{_clause_id(clause)}",
                      f"    reason: Both articles number {clause + 1} address the same matter."]
        lines += [f"  - from: {document_id(doc)}", "    type: relates-to", f"    to: {document_id(doc - 1)}",
                  "    reason: Consecutive instruments between the same parties."]
    return "\n".join(lines) + "\n" if len(lines) > 1 else "crossrefs: []\n"


_HOME = """\
# A synthetic edition

Generated by `scripts/bench.py` to measure how the build scales. The documents are listed on
the [documents page](documents.md).

## Newest notes

<!-- annotated-edition: newest-notes -->
"""


def _entities(size: CorpusSize) -> str:
    # Only terms that occur: an alias found in no clause is an error.
    used = sorted({(doc + clause) % len(_OBJECTS) for doc in range(size.documents) for clause in range(size.clauses)})
    lines = ["entities:"]
    for number, term in ((number, _OBJECTS[number]) for number in used):
        lines += [f"  - id: term-{number}", f'    name: "{term.capitalize()}"', "    type: term",
                  f'    aliases: ["{term}"]',
                  f'    description: "A glossary term of the synthetic edition: {term}, as the instruments use it."',
                  "    sources:", "      - {title: The benchmark glossary, publisher: The benchmark}"]
    return "\n".join(lines) + "\n"


def _timeline(size: CorpusSize) -> str:
    lines = ["events:"]
    for doc in range(size.documents):
        lines += [f"  - id: signing-{doc}", f'    date: "2018-{1 + doc % 12:02d}-{1 + doc % 28:02d}"',
                  f"    title: Instrument {doc} signed", f'    description: "The parties sign instrument {doc}."',
                  f"    concerns: [{document_id(doc)}, {document_id(doc)}/{_clause_id(0)}]",
                  "    sources:", f"      - {{title: Synthetic instrument number {doc}, publisher: The benchmark}}"]
    return "\n".join(lines) + "\n"


def _mkdocs_yml(size: CorpusSize, print_edition: bool) -> str:
    documents = ", ".join(document_id(doc) for doc in range(size.documents))
    return textwrap.dedent(f"""\
        site_name: Synthetic edition ({size.documents} documents)
        use_directory_urls: false
        theme:
          name: material
          font: false
          language: en
          features: [content.tooltips, navigation.footer, navigation.indexes, search.highlight]
        # The nav stays the same size whatever the corpus: documents are reached from the
        # generated documents page, never listed one by one (a flat nav makes builds O(N^2)).
        nav:
          - Home: index.md
          - Documents: documents.md
        plugins:
          - search
          - annotated-edition:
              documents: [{documents}]
              sources_dir: source_texts
              commentary_dir: commentary
              documents_page: documents.md
              # The print edition is the whole edition on one page (27 MB at 100x): measured
              # on its own with bench.py --print-edition, see docs/benchmarks.md.
              print_edition: {"true" if print_edition else "false"}
        markdown_extensions:
          - admonition
          - attr_list
          - md_in_html
          - footnotes
          - tables
          - toc:
              permalink: true
          - pymdownx.superfences
        validation:
          omitted_files: warn
          absolute_links: warn
          unrecognized_links: warn
          anchors: warn
        """)


def write_corpus(root: Path, size: CorpusSize, print_edition: bool = False) -> Path:
    """Write a complete MkDocs project for ``size`` under ``root``; return ``root``."""
    sources = root / "source_texts"
    commentary = root / "docs" / "commentary"
    sources.mkdir(parents=True, exist_ok=True)
    commentary.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(_mkdocs_yml(size, print_edition), encoding="utf-8")
    (root / "docs" / "index.md").write_text(_HOME, encoding="utf-8")
    (sources / "crossrefs.yml").write_text(_crossrefs(size), encoding="utf-8")
    (sources / "entities.yml").write_text(_entities(size), encoding="utf-8")
    (sources / "timeline.yml").write_text(_timeline(size), encoding="utf-8")
    for doc in range(size.documents):
        (sources / f"{document_id(doc)}.yml").write_text(_sidecar(doc, size), encoding="utf-8")
        if doc % 2 == 0:
            (sources / f"{document_id(doc)}.en.txt").write_text(_text(doc, size), encoding="utf-8")
        for clause in range(size.clauses):
            folder = commentary / document_id(doc) / _clause_id(clause)
            folder.mkdir(parents=True, exist_ok=True)
            for number in range(size.notes_per_clause):
                (folder / f"n-{doc}-{clause}-{number}.md").write_text(_note(doc, clause, number), encoding="utf-8")
    return root

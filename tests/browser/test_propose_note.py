""""Propose a note on this passage", driven like a reader: select words in a clause of the
built site (real Chromium, from file://, network cut), read the address the control would open
(it is never followed), decode the note it carries, save it in a private copy of the project as
GitHub would, fill in what a contributor must write, and run the real checker on it (issue 15).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import copy_project
from annotated_edition.model import Ref
from annotated_edition.sources.anchoring import find_quote
from annotated_edition.sources.edition import load_edition
from annotated_edition.tools.project_config import edition_config_for

# Select the n-th occurrence (counted from 1) of a phrase inside an element, across the text
# nodes that links and highlights split it into, with the Selection API a reader's drag uses.
SELECT = """([selector, phrase, nth]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push([node, text.length]); text += node.data; }
  let at = -1;
  for (let i = 0; i < nth; i++) { at = text.indexOf(phrase, at + 1); if (at < 0) throw new Error("phrase not found"); }
  const locate = (offset, isEnd) => {
    for (const [node, start] of nodes) {
      if (offset < start + node.data.length || (isEnd && offset === start + node.data.length)) return [node, offset - start];
    }
  };
  const [startNode, startOffset] = locate(at, false), [endNode, endOffset] = locate(at + phrase.length, true);
  const range = document.createRange();
  range.setStart(startNode, startOffset); range.setEnd(endNode, endOffset);
  const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
}"""


def _propose(page: Page, selector: str, phrase: str, nth: int = 1) -> tuple[str, str, str]:
    """Select, and return (branch address, file path, file text) from the control's link."""
    control = page.locator("a.ae-propose")
    expect(control).to_be_hidden()
    # Nothing of proposing is fetched until words are selected: reader.js loads propose.js
    # then, which loads the clause texts and shows the control for the words selected.
    assert page.evaluate("() => window.aeProposeClauses") is None
    page.evaluate(SELECT, [selector, phrase, nth])
    expect(control).to_be_visible()
    expect(control).to_have_text("Propose a note on this passage")
    href = control.get_attribute("href")
    assert href
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    owner, name, new, branch = parts.path.strip("/").split("/")
    assert new == "new" and owner and name and branch == "main"
    query = parse_qs(parts.query, strict_parsing=True)
    [filename], [value] = query["filename"], query["value"]
    return parts.path, filename, value


def _fill_in(text: str) -> str:
    """What a contributor writes into the placeholders before committing."""
    replacements = [('title: ""', 'title: "What these words commit the parties to"'),
                    ('- name: ""', '- name: "A. Reader"'),
                    ('    title: ""', '    title: "Joint Statement of President Trump and Chairman Kim"'),
                    ('publisher: ""', 'publisher: "The White House"')]
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + "The words are read here against the statement's own text [@source-1].\n"


def _check(project: Path) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "annotated_edition", "check"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout


CASES = [  # page, selector of the clause's text, phrase, occurrence, target
    ("singapore-2018/index.html", "#point-3 .ae-clause__text", "work toward complete denuclearization", 1,
     "singapore-2018/point-3"),
    ("singapore-2018/index.html", "#point-2 .ae-clause__text", "the", 3, "singapore-2018/point-2"),
    ("singapore-2018/point-4.html", "blockquote#text", "remains", 1, "singapore-2018/point-4"),
    ("panmunjom-2018/index.html", "#article-3\\.4 .ae-clause__summary", "denuclearization", 1,
     "panmunjom-2018/article-3.4"),
]


@pytest.mark.parametrize("page_path, selector, phrase, nth, target", CASES,
                         ids=["statement", "repeated-word", "clause-page", "panmunjom"])
def test_a_proposed_note_passes_the_check_once_filled_in(visit, tmp_path: Path, page_path: str, selector: str,
                                                         phrase: str, nth: int, target: str) -> None:
    page = visit.open(page_path)
    _, filename, text = _propose(page, selector, phrase, nth)

    document, clause = target.split("/")
    assert filename.startswith(f"docs/commentary/{document}/{clause}/") and filename.endswith(".md")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["target"] == target and front["quote"] == phrase
    assert isinstance(front["date"], str) or front["date"]  # YAML may read it as a date

    project = copy_project(tmp_path / "project")
    edition = load_edition(edition_config_for(project))
    clause_text = edition.clause(Ref.parse(target)).display_text
    anchored = find_quote(clause_text, phrase, front.get("prefix", ""), front.get("suffix", ""))
    assert anchored.matches == 1, front
    # The note is anchored to the very words selected, not to another occurrence.
    expected_start = -1
    for _ in range(nth):
        expected_start = clause_text.find(phrase, expected_start + 1)
    assert anchored.span == (expected_start, expected_start + len(phrase))
    if clause_text.count(phrase) == 1:
        assert "prefix" not in front and "suffix" not in front

    note = project / filename
    assert not note.exists(), "the proposed slug is new"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(text, encoding="utf-8")  # GitHub's editor saves what the link carried
    code, output = _check(project)
    assert code == 1, "placeholders left empty are refused"
    for owed in ("'title' must not be empty", "'authors[0].name' must not be empty",
                 "'sources[0].title' must not be empty", "'sources[0].publisher' must not be empty",
                 "note has no body"):
        assert owed in output, (owed, output)

    note.write_text(_fill_in(text), encoding="utf-8")
    code, output = _check(project)
    assert code == 0, output
    visit.assert_clean()


def test_a_slug_already_taken_is_not_proposed_again(visit) -> None:
    # Any note of the edition whose slug is the words it would be proposed for, on its clause page.
    page = visit.open("singapore-2018/index.html")
    page.evaluate(SELECT, ["#point-3 .ae-clause__text", "complete", 1])  # loads proposing
    page.wait_for_function("() => window.aeProposeClauses && window.aeProposeClauses['singapore-2018']")
    taken = page.evaluate("() => window.aeProposeTakenSlugs")
    texts = page.evaluate("() => window.aeProposeClauses['singapore-2018']")
    clauses = {f"singapore-2018/{clause}": text for clause, text in texts.items()}
    found = [(slug, target) for slug in taken for target, text in clauses.items()
             if " ".join(slug.split("-")) in text and len(slug.split("-")) <= 6]
    assert found, "the edition has no note named after words of its clause to test with"
    slug, target = found[0]
    page = visit.open(f"{target}.html")
    _, filename, _ = _propose(page, "blockquote#text", " ".join(slug.split("-")), 1)
    assert filename == f"docs/commentary/{target}/{slug}-2.md"
    visit.assert_clean()


def test_the_control_stays_hidden_outside_a_clause_text(visit) -> None:
    page = visit.open("singapore-2018/index.html")
    page.evaluate(SELECT, ["h1", "Joint Statement", 1])
    page.wait_for_timeout(200)
    expect(page.locator("a.ae-propose")).to_be_hidden()
    page.evaluate(SELECT, ["#point-3 .ae-clause__text", "complete", 1])
    expect(page.locator("a.ae-propose")).to_be_visible()
    page.evaluate("() => window.getSelection().removeAllRanges()")
    expect(page.locator("a.ae-propose")).to_be_hidden()
    visit.assert_clean()

"""Entities, timeline, citations, exports and search, asserted on real strict builds.

Two kinds of checks: invariants on the real project (whatever its entities.yml and
timeline.yml hold), and exact expectations on a fixture project with small data files of
its own, so the tests keep their meaning when the real data grows.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from conftest import ROOT, Build, copy_project, run_mkdocs_build

from annotated_edition import edition_config_for
from annotated_edition.sources.edition import load_edition
from annotated_edition.render.fragments import ref_label
from annotated_edition.model import Ref
from annotated_edition.sources.schema_check import load_schema
from annotated_edition.sources.timeline import date_sort_key

EDITION = load_edition(edition_config_for(ROOT))
CSL_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "csl-data.schema.json").read_text(encoding="utf-8"))
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _phrase_spans(ref: Ref) -> list[tuple[int, int]]:
    return [n.span for n in EDITION.notes_for(ref) if n.span is not None]


def _straddles(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end and not (s <= start and end <= e) for s, e in spans)


# --- mentions --------------------------------------------------------------------------------

@pytest.mark.parametrize("document_id", list(EDITION.documents))
def test_every_mention_is_a_link_with_a_tooltip_never_nested(built_site: Build, document_id: str) -> None:
    page = built_site.html(f"{document_id}/index.html")
    entities = {e.id: e for e in EDITION.entities}
    for clause in EDITION.documents[document_id].clauses:
        block = page.select_one(f'section[data-clause="{clause.id}"] .ae-clause__text, '
                                f'section[data-clause="{clause.id}"] .ae-clause__summary')
        expected = [(m.entity, _normalized(clause.display_text[m.start:m.end])) for m in EDITION.mentions
                    if m.clause == clause.ref and not _straddles(m.start, m.end, _phrase_spans(clause.ref))]
        links = block.select("a.ae-mention")
        assert [(a["data-entity"], _normalized(a.get_text())) for a in links] == expected
        for link in links:
            entity = entities[link["data-entity"]]
            assert link["title"] == f"{entity.name}: {entity.description}"
            assert link["href"] == f"../entities/{entity.id}.html"
            assert (built_site.site / "entities" / f"{entity.id}.html").exists()
            assert link.find_parent("a") is None, "a mention must not nest inside another link"
            assert link.find_parent(HEADINGS) is None
            assert link.select("a, button, .ae-marker") == []


def test_no_mention_in_headings_or_outside_clause_texts(built_site: Build) -> None:
    for relative in ["singapore-2018/index.html", "singapore-2018/point-3.html", "glossary.html", "timeline.html"]:
        page = built_site.html(relative)
        for link in page.select("a.ae-mention"):
            assert link.find_parent(class_=["ae-clause__text", "ae-clause__summary", "ae-clause-page__text",
                                            "ae-clause-page__summary"]) is not None, relative


def test_text_link_holds_no_mention(built_site: Build) -> None:
    statement = built_site.html("singapore-2018/index.html")
    text_links = statement.select("a.ae-text-link")
    assert text_links
    for link in text_links:
        assert link.select("a") == []


def test_entity_and_glossary_pages_list_every_clause_that_mentions_it(built_site: Build) -> None:
    glossary = built_site.html("glossary.html")
    for entity in EDITION.entities:
        clauses = list(dict.fromkeys(str(m.clause) for m in EDITION.mentions if m.entity == entity.id))
        page = built_site.html(f"entities/{entity.id}.html")
        assert page.h1.get_text(strip=True).startswith(entity.name)
        listed = [li["data-clause"] for li in page.select(".ae-mentions > li")]
        assert listed == clauses
        for li in page.select(".ae-mentions > li"):
            ref = Ref.parse(li["data-clause"])
            assert li.a["href"] == f"../{ref.document}/{ref.clause}.html"
            assert all(kwic.mark for kwic in li.select(".ae-kwic"))
        entry = glossary.find("dt", id=entity.id)
        assert entry.a["href"] == f"entities/{entity.id}.html"
        where = entry.find_next_sibling("dd").select(".ae-glossary__where a")
        assert [a["href"] for a in where] == [f"{Ref.parse(c).document}/{Ref.parse(c).clause}.html" for c in clauses]


# --- timeline ----------------------------------------------------------------------------------

def test_timeline_lists_events_in_order_with_a_static_svg(built_site: Build) -> None:
    page = built_site.html("timeline.html")
    items = page.select("li.ae-event")
    dates = [li["data-date"] for li in items]
    assert dates == sorted(dates, key=date_sort_key)
    assert sorted(li["id"] for li in items) == sorted(f"event-{e.id}" for e in EDITION.events)
    for li in items:
        assert li.time["datetime"] == li["data-date"]
    svg = page.select_one("figure.ae-timeline-figure svg")
    assert svg is not None and svg["role"] == "img"
    assert [g["data-event"] for g in svg.select("g[data-event]")] == [li["id"].removeprefix("event-") for li in items]
    assert page.select("script[src]") == built_site.html("index.html").select("script[src]"), \
        "the timeline page loads no script of its own"


def test_clause_pages_list_their_events(built_site: Build) -> None:
    timeline_ids = {li["id"] for li in built_site.html("timeline.html").select("li.ae-event")}
    for document in EDITION.documents.values():
        for clause in document.clauses:
            page = built_site.html(f"{document.id}/{clause.id}.html")
            expected = [e for e in sorted(EDITION.events, key=lambda e: date_sort_key(e.date))
                        if clause.ref in e.concerns]
            links = [a["href"] for a in page.select(".ae-clause-events a")]
            assert links == [f"../timeline.html#event-{e.id}" for e in expected]
            assert {href.split("#")[1] for href in links} <= timeline_ids


# --- citations -----------------------------------------------------------------------------------

def _meta(page: BeautifulSoup, name: str) -> list[str]:
    return [m["content"] for m in page.head.find_all("meta", attrs={"name": name})]


def _site_url() -> str:
    """The site's address as the build sees it: EDITION_SITE_URL, else mkdocs.yml's default."""
    default = re.search(r'^site_url: !ENV \[EDITION_SITE_URL, "([^"]*)"\]', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert default is not None, "mkdocs.yml sets site_url from EDITION_SITE_URL with a default"
    return os.environ.get("EDITION_SITE_URL", default.group(1))


def test_every_clause_page_can_be_cited_in_three_forms(built_site: Build) -> None:
    edition_data = json.loads((built_site.site / "data" / "edition.json").read_text(encoding="utf-8"))["edition"]
    site_url = _site_url()
    assert site_url.startswith("https://"), "citations carry absolute permalinks"
    for document in EDITION.documents.values():
        for clause in document.clauses:
            page = built_site.html(f"{document.id}/{clause.id}.html")
            cite = page.select_one(".ae-cite")
            assert cite is not None and cite.find_previous("h2").get_text(strip=True).startswith("Cite this clause")
            # A document shown as our summary is cited as the editors' summary, never as the text.
            label = ref_label(EDITION, clause.ref) + ("" if document.has_text else ": editors’ summary")
            url = site_url.rstrip("/") + f"/{document.id}/{clause.id}.html"
            plain = _normalized(cite.select_one(".ae-cite__text").get_text())
            assert plain.startswith(f"“{label}.” In {edition_data['title']}")
            official = "" if document.has_text else f" Summarizes {document.title}"
            assert f"Version {edition_data['version']}" in plain and f"{url}.{official}" in plain
            if not document.has_text:
                # Where the official text is published: its address when the edition has one.
                assert plain.endswith(f"official text, {document.source.url}." if document.source.url
                                      else "official text.")
                if document.source.url:
                    assert cite.select_one(f'.ae-cite__text a[href="{document.source.url}"]') is not None
            library = bibtexparser.parse_string(cite.select_one(".ae-cite__bibtex").get_text())
            assert not library.failed_blocks and len(library.entries) == 1
            fields = {k: f.value for k, f in library.entries[0].fields_dict.items()}
            assert fields["url"] == url and fields["version"] == edition_data["version"]
            assert fields["date"] == edition_data["date"] and fields["title"] == "{" + label + "}"
            items = json.loads(cite.select_one(".ae-cite__csl-json").get_text())
            Draft202012Validator(CSL_SCHEMA).validate(items)
            assert items[0]["id"] == str(clause.ref) and items[0]["URL"] == url
            assert _meta(page, "citation_title") == [label] == _meta(page, "DC.title")
            assert _meta(page, "citation_date") == [edition_data["date"].replace("-", "/")]
            assert _meta(page, "DC.date") == [edition_data["date"]]
            assert _meta(page, "citation_author") == edition_data["editors"]
            assert page.head.find("link", rel="schema.DC")["href"] == "http://purl.org/dc/elements/1.1/"


def test_document_pages_carry_citation_tags_and_other_pages_none(built_site: Build) -> None:
    statement = built_site.html("singapore-2018/index.html")
    assert _meta(statement, "citation_title") == [EDITION.documents["singapore-2018"].title]
    for other in ["index.html", "glossary.html", "timeline.html", "data.html"]:
        assert _meta(built_site.html(other), "citation_title") == []


# --- exports ---------------------------------------------------------------------------------------

def _export(build: Build, name: str) -> dict:
    return json.loads((build.site / "data" / name).read_text(encoding="utf-8"))


def test_exports_validate_against_their_schemas_and_are_linked_from_the_data_page(built_site: Build) -> None:
    Draft202012Validator(load_schema("export-edition")).validate(_export(built_site, "edition.json"))
    annotations = _export(built_site, "annotations.jsonld")
    Draft202012Validator(load_schema("export-annotations")).validate(annotations)
    assert annotations["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert annotations["type"] == "AnnotationCollection" and annotations["total"] == len(EDITION.notes)
    data_page = built_site.html("data.html")
    hrefs = {a["href"] for a in data_page.select("article a[href^='data/']")}
    assert hrefs == {"data/edition.json", "data/edition.schema.json", "data/annotations.jsonld",
                     "data/annotations.schema.json"}
    for href in hrefs:
        assert (built_site.site / href).is_file()
    published = json.loads((built_site.site / "data" / "edition.schema.json").read_text(encoding="utf-8"))
    assert published == load_schema("export-edition")
    nav = {a.get("href") for a in built_site.html("index.html").select("nav.md-nav a")}
    assert {"glossary.html", "timeline.html", "data.html"} <= nav


def test_edition_json_holds_the_whole_edition(built_site: Build) -> None:
    data = _export(built_site, "edition.json")
    assert [d["id"] for d in data["documents"]] == list(EDITION.documents)
    assert len(data["clauses"]) == sum(len(d.clauses) for d in EDITION.documents.values())
    assert [n["id"] for n in data["notes"]] == [n.slug for n in EDITION.notes]
    assert [e["id"] for e in data["entities"]] == [e.id for e in EDITION.entities]
    assert [e["id"] for e in data["events"]] == [e.id for e in EDITION.events]
    assert [(x["from"], x["type"], x["to"]) for x in data["crossrefs"]] == [
        (str(x.source), x.type, str(x.target)) for x in EDITION.crossrefs]
    clauses = {c["id"]: c for c in data["clauses"]}
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            clause = clauses[mention["clause"]]
            text = clause.get("text", clause.get("summary"))
            assert _normalized(text[mention["start"]:mention["end"]]) == mention["alias"]
    for note in data["notes"]:
        assert (built_site.site / _site_path(note["url"].split("#")[0])).resolve().is_file()


def _statement_text(page: BeautifulSoup) -> tuple[str, dict[str, tuple[int, int]]]:
    """The page's clause texts as shown: each block's whitespace collapsed, joined by a space."""
    parts, ranges, position = [], {}, 0
    for section in page.select(".ae-document > section.ae-clause"):
        block = section.select_one(".ae-clause__text, .ae-clause__summary")
        text = _normalized(block.get_text())
        ranges[section["data-clause"]] = (position, position + len(text))
        parts.append(text)
        position += len(text) + 1
    return " ".join(parts), ranges


def _count(haystack: str, needle: str) -> int:
    return sum(1 for i in range(len(haystack)) if haystack.startswith(needle, i))


def _site_path(url: str) -> str:
    """The file of the site an exported link names: absolute (under site_url) or relative to data/."""
    site_url = _site_url().rstrip("/") + "/"
    if url.startswith(site_url):
        return url[len(site_url):]
    return posixpath.normpath(posixpath.join("data", url))


def export_page_path(collection_id: str, source: str) -> str:
    """The site path of an exported link: absolute when site_url is set, else relative to data/."""
    site_root = collection_id.rsplit("data/annotations.jsonld", 1)[0]
    if site_root.startswith(("http://", "https://")) and source.startswith(site_root):
        return source[len(site_root):]
    return posixpath.normpath(posixpath.join("data", source))


def test_every_text_quote_selector_matches_once_in_the_rendered_page(built_site: Build) -> None:
    collection = _export(built_site, "annotations.jsonld")
    annotations = collection["first"]["items"]
    quoted = 0
    for annotation in annotations:
        target = annotation["target"]
        page_path = export_page_path(collection["id"], target["source"])
        page = built_site.html(page_path)
        fragment = target["selector"][0]
        assert fragment["type"] == "FragmentSelector" and page.find(id=fragment["value"]) is not None
        for selector in target["selector"][1:]:
            quoted += 1
            text, ranges = _statement_text(page)
            # The selector keeps the page's own whitespace (line breaks); this reading collapses it.
            whole = re.sub(r"\s+", " ", selector["prefix"] + selector["exact"] + selector["suffix"])
            assert _count(text, whole) == 1, selector
            start = text.index(whole) + len(re.sub(r"\s+", " ", selector["prefix"]))
            clause_start, clause_end = ranges[fragment["value"]]
            assert clause_start <= start and start + len(re.sub(r"\s+", " ", selector["exact"])) <= clause_end
    assert quoted == len([n for n in EDITION.notes if n.quote])


def test_search_indexes_entity_glossary_and_timeline_pages(built_site: Build) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for location in ["glossary.html", "timeline.html", "data.html"]:
        assert location in by_location
    for entity in EDITION.entities:
        doc = by_location[f"entities/{entity.id}.html"]
        assert entity.description.split()[0] in doc["text"]
    for event in EDITION.events:
        assert any(event.title.split()[0] in doc["text"] for loc, doc in by_location.items()
                   if loc.startswith("timeline.html"))


# --- reproducibility -------------------------------------------------------------------------------

def _data_bytes(build: Build) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((build.site / "data").iterdir())}


def test_exports_are_byte_identical_between_builds(built_site: Build, tmp_path: Path) -> None:
    second = run_mkdocs_build(copy_project(tmp_path / "elsewhere" / "project"))
    assert second.ok, second.output
    assert _data_bytes(second) == _data_bytes(built_site)
    assert len(_data_bytes(built_site)) == 4


def test_source_date_epoch_sets_the_edition_date(tmp_path: Path) -> None:
    build = run_mkdocs_build(copy_project(tmp_path / "project"), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert build.ok, build.output
    assert _export(build, "edition.json")["edition"]["date"] == "2023-11-14"
    assert _export(build, "annotations.jsonld")["generated"] == "2023-11-14T00:00:00Z"
    page = build.html("singapore-2018/point-3.html")
    assert _meta(page, "DC.date") == ["2023-11-14"]


# --- a fixture project with data of its own -----------------------------------------------------

FIXTURE_ENTITIES = """\
entities:
  - id: trump
    name: Donald J. Trump
    type: person
    aliases: ["President Donald J. Trump", "President Trump", "DONALD J. TRUMP"]
    description: The U.S. signatory.
    sources: [{title: The statement, publisher: The White House}]
  - id: usa
    name: United States of America
    type: place
    aliases: ["United States of America", "United States"]
    description: A party.
    sources: [{title: The statement, publisher: The White House}]
  - id: dprk
    name: DPRK
    type: place
    aliases: ["Democratic People’s Republic of Korea", "DPRK"]
    description: A party.
    sources: [{title: The statement, publisher: The White House}]
  - id: declaration
    name: Panmunjom Declaration
    type: term
    aliases: ["Panmunjom Declaration"]
    description: The inter-Korean declaration of April 2018.
    sources: [{title: The declaration, publisher: Ministry of Unification}]
  - id: denuclearization
    name: Denuclearization
    type: term
    aliases: ["complete denuclearization", "denuclearization"]
    description: The goal.
    sources: [{title: The statement, publisher: The White House}]
  - id: peninsula
    name: Korean Peninsula
    type: place
    aliases: ["Korean Peninsula"]
    description: The peninsula.
    sources: [{title: The statement, publisher: The White House}]
  - id: glossary-only
    name: Glossary only
    type: organization
    aliases: []
    description: Named in no text.
    sources: [{title: A source, publisher: A publisher}]
"""

FIXTURE_TIMELINE = """\
events:
  - id: later-year
    date: "2019"
    title: A year-precise event
    description: Later.
    concerns: [singapore-2018/point-4]
    sources: [{title: A source, publisher: A publisher}]
  - id: summit
    date: "2018-06-12"
    title: The summit
    description: The day.
    concerns: [singapore-2018, singapore-2018/point-4, panmunjom-2018/article-1]
    sources: [{title: A source, publisher: A publisher}]
  - id: june
    date: "2018-06"
    title: A month-precise event
    description: That month.
    concerns: [singapore-2018/point-4]
    sources: [{title: A source, publisher: A publisher}]
"""


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("knowledge") / "project")
    (project / "source_texts" / "entities.yml").write_text(FIXTURE_ENTITIES, encoding="utf-8")
    (project / "source_texts" / "timeline.yml").write_text(FIXTURE_TIMELINE, encoding="utf-8")
    # The tracker rests on the real timeline's events; this fixture's small timeline has none of them.
    (project / "source_texts" / "commitments.yml").unlink()
    sidecar = project / "source_texts" / "panmunjom-2018.yml"
    text = sidecar.read_text(encoding="utf-8")
    start = text.index("  - id: article-1\n")
    end = text.index("  - id: article-1.1\n")
    sidecar.write_text(text[:start] + '  - id: article-1\n    label: "Art. 1"\n    summary: >-\n'
                       "      The DPRK’s and the Republic of Korea’s leaders, on the Korean Peninsula’s future.\n"
                       + text[end:], encoding="utf-8")
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    return build


def _mentions(page: BeautifulSoup, clause: str) -> list[tuple[str, str]]:
    block = page.select_one(f'section[data-clause="{clause}"]')
    return [(a["data-entity"], a.get_text()) for a in block.select("a.ae-mention")]


def test_fixture_mentions_longest_first_whole_words(fixture_build: Build) -> None:
    statement = fixture_build.html("singapore-2018/index.html")
    assert _mentions(statement, "intro-1") == [
        ("trump", "President Donald J. Trump"), ("usa", "United States of America"),
        ("dprk", "Democratic People’s Republic of Korea"), ("dprk", "DPRK")]
    assert _mentions(statement, "point-3") == [("dprk", "DPRK"), ("denuclearization", "complete denuclearization"),
                                               ("peninsula", "Korean Peninsula")]
    assert _mentions(statement, "signatures") == [("trump", "DONALD J. TRUMP"), ("usa", "United States of America"),
                                                  ("dprk", "Democratic People’s Republic of Korea")]
    outline = fixture_build.html("panmunjom-2018/index.html")
    assert _mentions(outline, "article-1") == [("dprk", "DPRK"), ("peninsula", "Korean Peninsula")], \
        "possessives: DPRK’s and Korean Peninsula’s are mentions"


def test_fixture_mention_inside_a_phrase_note_and_not_inside_the_text_link(fixture_build: Build) -> None:
    statement = fixture_build.html("singapore-2018/index.html")
    point_3 = statement.select_one('section[data-clause="point-3"]')
    assert point_3.select("a.ae-text-link a, a.ae-text-link .ae-mention") == []
    assert "declaration" not in {a["data-entity"] for a in point_3.select("a.ae-mention")}
    inside_marks = [a.get_text() for a in point_3.select("mark.ae-phrase a.ae-mention")]
    assert "complete denuclearization" in inside_marks, inside_marks
    marker = point_3.select_one("button.ae-marker")
    assert marker.find_parent("a") is None


def test_fixture_entity_pages(fixture_build: Build) -> None:
    # The statement's text is fixed; our Panmunjom summaries may change, so only the
    # statement's clauses are predicted exactly here.
    def listed(page: BeautifulSoup) -> list[str]:
        return [li["data-clause"] for li in page.select(".ae-mentions > li")
                if li["data-clause"].startswith("singapore-2018/")]

    declaration = fixture_build.html("entities/declaration.html")
    assert listed(declaration) == [], "its only occurrence in the statement is inside a link"
    denuclearization = fixture_build.html("entities/denuclearization.html")
    assert listed(denuclearization) == ["singapore-2018/intro-2", "singapore-2018/intro-3", "singapore-2018/point-3"]
    kwic = denuclearization.select('li[data-clause="singapore-2018/intro-3"] .ae-kwic mark')
    assert [m.get_text() for m in kwic] == ["denuclearization"]
    glossary = fixture_build.html("glossary.html")
    assert [h.get_text(strip=True).removesuffix("¶") for h in glossary.select("article h2")] == [
        "People", "Places", "Organizations", "Terms"]
    assert glossary.find("dt", id="glossary-only") is not None
    assert fixture_build.html("entities/glossary-only.html").select_one("#mentions").get_text(
        strip=True).startswith("Not named in the texts")


def test_fixture_timeline_order_and_clause_events(fixture_build: Build) -> None:
    timeline = fixture_build.html("timeline.html")
    assert [li["id"] for li in timeline.select("li.ae-event")] == ["event-june", "event-summit", "event-later-year"]
    assert [t.get_text() for t in timeline.select("li.ae-event time")] == ["June 2018", "June 12, 2018", "2019"]
    point_4 = fixture_build.html("singapore-2018/point-4.html")
    assert [a.get_text() for a in point_4.select(".ae-clause-events a")] == [
        "A month-precise event", "The summit", "A year-precise event"]
    article_1 = fixture_build.html("panmunjom-2018/article-1.html")
    assert [a["href"] for a in article_1.select(".ae-clause-events a")] == ["../timeline.html#event-summit"]
    assert fixture_build.html("singapore-2018/point-1.html").select(".ae-clause-events") == []


# --- bad data fails the build clearly ----------------------------------------------------------------

def _append(path: Path, text: str) -> int:
    """Append ``text``; return the line number its first line gets."""
    existing = path.read_text(encoding="utf-8")
    if not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + text, encoding="utf-8")
    return existing.count("\n") + 1


def _bad_alias(project: Path) -> tuple[str, int]:
    line = _append(project / "source_texts" / "entities.yml",
                   "  - id: zz-typo\n    name: Typo\n    type: person\n    aliases: [\"Presidnet Trump\"]\n"
                   "    description: A typo.\n    sources: [{title: T, publisher: P}]\n")
    return "entities.yml", line + 3


def _claimed_twice(project: Path) -> tuple[str, int]:
    alias = next(e.aliases[0] for e in EDITION.entities if e.aliases)
    line = _append(project / "source_texts" / "entities.yml",
                   f"  - id: zz-twin\n    name: Twin\n    type: person\n    aliases: [{json.dumps(alias, ensure_ascii=False)}]\n"
                   "    description: A twin.\n    sources: [{title: T, publisher: P}]\n")
    return "entities.yml", line + 3


def _unknown_concern(project: Path) -> tuple[str, int]:
    line = _append(project / "source_texts" / "timeline.yml",
                   '  - id: zz-event\n    date: "2018-06-12"\n    title: T\n    description: D.\n'
                   "    concerns: [singapore-2018/point-9]\n    sources: [{title: T, publisher: P}]\n")
    return "timeline.yml", line + 4


def _bad_date(project: Path) -> tuple[str, int]:
    line = _append(project / "source_texts" / "timeline.yml",
                   '  - id: zz-event\n    date: "2018-13-01"\n    title: T\n    description: D.\n'
                   "    concerns: [singapore-2018]\n    sources: [{title: T, publisher: P}]\n")
    return "timeline.yml", line + 1


@pytest.mark.parametrize("breakage", [_bad_alias, _claimed_twice, _unknown_concern, _bad_date],
                         ids=lambda f: f.__name__.strip("_"))
def test_bad_entities_or_timeline_fail_the_build_at_their_line(project: Path, breakage) -> None:  # type: ignore[no-untyped-def]
    name, line = breakage(project)
    build = run_mkdocs_build(project)
    assert not build.ok
    assert f"source_texts/{name}:{line}:" in build.output and ": error: " in build.output, build.output
    assert "Traceback" not in build.output



# --- citation tags and a site's own theme overrides -------------------------------------------------

def _with_custom_dir(project: Path, files: dict[str, str]) -> None:
    overrides = project / "overrides"
    for name, content in files.items():
        (overrides / name).parent.mkdir(parents=True, exist_ok=True)
        (overrides / name).write_text(content, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  name: material\n" in text, "fixture drift: theme name line moved"
    config.write_text(text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1),
                      encoding="utf-8")


def test_citation_tags_survive_a_custom_dir_without_main_html(project: Path) -> None:
    _with_custom_dir(project, {"partials/copyright.html": "<div class='md-copyright'>Ours</div>\n"})
    build = run_mkdocs_build(project)
    assert build.ok, build.output
    page = build.html("singapore-2018/point-3.html")
    assert _meta(page, "citation_title") == [ref_label(EDITION, Ref("singapore-2018", "point-3"))]
    assert page.select_one(".md-copyright").get_text(strip=True) == "Ours"


def test_a_main_html_override_that_drops_the_tags_fails_the_strict_build(project: Path) -> None:
    _with_custom_dir(project, {"main.html": '{% extends "base.html" %}\n{% block extrahead %}{% endblock %}\n'})
    build = run_mkdocs_build(project)
    assert not build.ok
    assert "citation <meta> tags are missing" in build.output and "annotated_edition_head" in build.output
    assert "Traceback" not in build.output

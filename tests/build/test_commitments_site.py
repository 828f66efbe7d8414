"""The implementation tracker on a real strict build of the project: the implementation page,
the clause and document pages, the timeline's links back, the export and its schema, the chart's
text equivalent, and the print edition."""

from __future__ import annotations

import json
from urllib.parse import urljoin
import posixpath

from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from conftest import ROOT, Build

from annotated_edition.sources.commitments import STATUS_LABELS, commitment_anchor
from annotated_edition.render.commitments_chart import snapshots
from annotated_edition import edition_config_for, load_edition
from annotated_edition.tools.project_config import read_mkdocs_yml
from annotated_edition.render.fragments import ref_label
from annotated_edition.sources.schema_check import load_schema
from annotated_edition.sources.timeline import format_date

EDITION = load_edition(edition_config_for(ROOT))
SITE_URL = read_mkdocs_yml(ROOT)["site_url"]


def _target(build: Build, page: str, href: str) -> tuple[BeautifulSoup, str]:
    """The page a relative link leads to (parsed) and its fragment; fails if the file is missing."""
    path, _, fragment = href.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    assert (build.site / resolved).is_file(), href
    return build.html(resolved), fragment


def test_implementation_page_lists_every_commitment_linked_to_its_clause(built_site: Build) -> None:
    page = built_site.html("implementation.html")
    rows = page.select("table.ae-commitments-table tbody tr.ae-commitment-row")
    assert {row["id"] for row in rows} == {commitment_anchor(c) for c in EDITION.commitments}
    assert len(rows) == len(EDITION.commitments) >= 20
    assert [th.get_text(strip=True) for th in page.select("table.ae-commitments-table thead th")] == [
        "Commitment", "Clause", "Parties", "Current status", "Since"]
    by_id = {commitment_anchor(c): c for c in EDITION.commitments}
    for row in rows:
        commitment = by_id[row["id"]]
        link = row.select_one("a.ae-commitment-row__clause")
        assert link.get_text(strip=True) == ref_label(EDITION, commitment.target)
        clause_page, fragment = _target(built_site, "implementation.html", link["href"])
        assert clause_page.find(id=fragment) is not None, link["href"]
        cells = row.find_all(["th", "td"])
        assert commitment.summary in cells[0].get_text(" ", strip=True)
        assert cells[2].get_text(strip=True) == ", ".join(commitment.parties)
        assert cells[3].select_one(".ae-status").get_text(strip=True) == STATUS_LABELS[commitment.current.status]
        assert cells[4].select_one("time")["datetime"] == commitment.since
        assert row["data-document"] == commitment.target.document
        assert row["data-status"] == commitment.current.status
        if commitment.related:
            assert "not in the text" in cells[0].get_text(" ", strip=True)
    assert page.select_one("table.ae-commitments-table caption")
    # The filter works without a network and stays out of the way without script.
    form = page.select_one("form.ae-filter")
    assert form.has_attr("hidden")
    assert {o["value"] for o in form.select('select[data-filter="document"] option')} == {"", "singapore-2018",
                                                                                          "panmunjom-2018"}
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert "assets/annotated-edition/commitments.js" in scripts
    # Only the page that has the filter fetches its script.
    for other in ("index.html", "singapore-2018/index.html", "singapore-2018/point-3.html"):
        assert not any(s["src"].endswith("commitments.js") for s in built_site.html(other).find_all("script", src=True))
    assert (built_site.site / "assets/annotated-edition/commitments.js").is_file()
    assert all(not s.startswith(("http:", "https:", "//")) for s in scripts)


def test_implementation_page_is_in_the_navigation(built_site: Build) -> None:
    page = built_site.html("index.html")
    assert any(a.get("href") == "implementation.html" for a in page.select("nav.md-nav a"))


def test_the_chart_is_inline_svg_with_a_text_equivalent(built_site: Build) -> None:
    page = built_site.html("implementation.html")
    figure = page.select_one("figure.ae-chart-figure")
    svg = figure.find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"], svg["aria-describedby"]
    assert svg.find("title", id=title_id).get_text(strip=True)
    description = svg.find("desc", id=desc_id).get_text(" ", strip=True)
    assert format_date(EDITION.commitments_as_of) in description
    assert figure.find("figcaption").get_text(strip=True)
    assert not page.select('figure.ae-chart-figure image, figure.ae-chart-figure img[src^="http"]')
    table = page.select_one("table.ae-chart-table")
    rows = snapshots(EDITION.commitments, EDITION.commitments_as_of)
    body = table.select("tbody tr")
    assert [tr.th.get_text(strip=True) for tr in body] == [row.label for row in rows]
    statuses = [th.get_text(strip=True) for th in table.select("thead th")][1:-1]
    label_to_status = {label: status for status, label in STATUS_LABELS.items()}
    for tr, row in zip(body, rows):
        cells = [int(td.get_text()) for td in tr.find_all("td")]
        assert cells[-1] == row.total == len(EDITION.commitments)
        assert cells[:-1] == [row.counts[label_to_status[s]] for s in statuses]
    # Every bar's count appears in the picture as text or as the title of its segment.
    last_row_titles = [t.get_text() for t in svg.select("rect > title")]
    assert any(rows[-1].label in title for title in last_row_titles)


def test_every_clause_page_with_commitments_shows_them_with_history(built_site: Build) -> None:
    targets = {c.target for c in EDITION.commitments}
    for ref in targets:
        page = built_site.html(f"{ref.document}/{ref.clause}.html")
        heading = page.find("h2", id="implementation")
        assert heading is not None, ref
        for commitment in (c for c in EDITION.commitments if c.target == ref):
            article = page.find("article", id=commitment_anchor(commitment))
            assert article is not None, commitment.id
            assert article.select_one(".ae-commitment__current .ae-status").get_text(strip=True) == \
                STATUS_LABELS[commitment.current.status]
            entries = article.select("li.ae-commitment__entry")
            assert len(entries) == len(commitment.statuses)
            for entry, status in zip(entries, commitment.statuses):
                assert entry.time["datetime"] == status.date
                assert len(entry.select("ol.ae-sources > li")) == len(status.sources) >= 1
                events = entry.select(".ae-commitment__events a")
                assert len(events) == len(status.events)
                for link, event_id in zip(events, status.events):
                    timeline, fragment = _target(built_site, f"{ref.document}/{ref.clause}.html", link["href"])
                    assert fragment == f"event-{event_id}" and timeline.find(id=fragment) is not None
    untracked = [c for d in EDITION.documents.values() for c in d.clauses if c.ref not in targets]
    for clause in untracked[:3]:
        assert built_site.html(f"{clause.document}/{clause.id}.html").find("h2", id="implementation") is None


def test_document_pages_show_each_clause_s_commitments(built_site: Build) -> None:
    for document_id in ("singapore-2018", "panmunjom-2018"):
        page = built_site.html(f"{document_id}/index.html")
        for commitment in (c for c in EDITION.commitments if c.target.document == document_id):
            block = page.select_one(f'section[data-clause="{commitment.target.clause}"] .ae-clause__commitments')
            assert block is not None, commitment.id
            links = [a for a in block.select("a") if a.get("href", "").endswith("#" + commitment_anchor(commitment))]
            assert links and links[0].get_text(strip=True) == commitment.summary
            implementation, fragment = _target(built_site, f"{document_id}/index.html", links[0]["href"])
            assert implementation.find(id=fragment) is not None
            # A short history: one line per step (date and status), and one link to the clause
            # page, where each step has its sentence and sources.
            item = links[0].find_parent("li")
            steps = item.select("ol.ae-commitment__steps > li")
            assert [s.time["datetime"] for s in steps] == [status.date for status in commitment.statuses]
            assert [s.select_one(".ae-status").get_text(strip=True) for s in steps] == \
                [STATUS_LABELS[status.status] for status in commitment.statuses]
            full = item.select_one(".ae-commitment__full a")
            clause_page, anchor = _target(built_site, f"{document_id}/index.html", full["href"])
            assert anchor == commitment_anchor(commitment) and clause_page.find("article", id=anchor) is not None
        # The sources are on the clause pages, not repeated here.
        assert not page.select(".ae-clause__commitments .ae-sources")


def test_timeline_events_link_back_to_the_commitments_they_moved(built_site: Build) -> None:
    page = built_site.html("timeline.html")
    moved: dict[str, set[str]] = {}
    for commitment in EDITION.commitments:
        for entry in commitment.statuses:
            for event in entry.events:
                moved.setdefault(event, set()).add(commitment_anchor(commitment))
    assert moved
    for event_id, anchors in moved.items():
        item = page.find("li", id=f"event-{event_id}")
        links = item.select(".ae-event__commitments a")
        assert {a["href"].partition("#")[2] for a in links} == anchors, event_id
        assert all(a["href"].startswith("implementation.html#") for a in links)


def test_the_export_carries_the_commitments_and_follows_its_schema(built_site: Build) -> None:
    data = json.loads((built_site.site / "data" / "edition.json").read_text(encoding="utf-8"))
    schema = load_schema("export-edition")
    assert not list(Draft202012Validator(schema).iter_errors(data))
    published = json.loads((built_site.site / "data" / "edition.schema.json").read_text(encoding="utf-8"))
    assert published == schema
    tracker = data["commitments"]
    assert tracker["as_of"] == EDITION.commitments_as_of
    assert [item["id"] for item in tracker["items"]] == [c.id for c in EDITION.commitments]
    levels = {v["status"]: v["level"] for v in tracker["vocabulary"]}
    assert levels == {"not-begun": 0, "begun": 1, "partial": 2, "fulfilled": 3, "stalled": None, "reversed": None}
    event_ids = {e["id"] for e in data["events"]}
    for item, commitment in zip(tracker["items"], EDITION.commitments):
        assert item["current"] == {"status": commitment.current.status, "level": commitment.current.level,
                                   "since": commitment.since, "date": commitment.current.date}
        for exported, entry in zip(item["statuses"], commitment.statuses):
            assert exported["level"] == entry.level
            assert set(exported["events"]) <= event_ids
            assert exported["sources"]
        # Absolute, like every permalink of the exports (site_url is set).
        assert item["url"] == urljoin(SITE_URL, "implementation.html#" + commitment_anchor(commitment))


def test_a_stalled_or_reversed_entry_keeps_the_last_level_reached() -> None:
    fixed = {"not-begun": 0, "begun": 1, "partial": 2, "fulfilled": 3}
    for commitment in EDITION.commitments:
        last = 0
        for entry in commitment.statuses:
            last = fixed.get(entry.status, last)
            assert entry.level == last, (commitment.id, entry.date)


def test_the_print_edition_includes_the_table(built_site: Build) -> None:
    page = built_site.html("print.html")
    section = page.select_one("section.ae-print-commitments")
    rows = section.select("tbody tr")
    assert len(rows) == len(EDITION.commitments)
    for row in rows:
        href = row.select_one("a")["href"]
        assert href.startswith("#print-") and page.find(id=href[1:]) is not None, href
    assert format_date(EDITION.commitments_as_of) in section.get_text(" ", strip=True)

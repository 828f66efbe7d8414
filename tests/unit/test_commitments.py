"""The implementation tracker's data: every kind of mistake reported at its line and column with
a hint (directly and through `python -m annotated_edition check`), the levels and dates the
pages show, the chart's counts, and the real data's coverage of both texts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

from annotated_edition.tools.cli import main
from annotated_edition.sources.commitments import STATUSES, load_commitments, status_on
from annotated_edition.render.commitments_chart import NO_STATUS, chart_layout, chart_statuses, snapshots
from annotated_edition.diagnostics import Diagnostics
from annotated_edition import edition_config_for, load_edition
from annotated_edition.model import Clause, Commitment, Ref, StatusEntry

EDITION = load_edition(edition_config_for(ROOT))

CLAUSES = {
    "doc/one": Clause("doc", "one", "One", text="The parties commit to recovering remains, including the repatriation."),
    "doc/two": Clause("doc", "two", "Two", text="They hold talks."),
}
EVENTS = {"summit", "handover", "suspension"}

HEADER = """\
as_of: "2019-12-31"
parties:
  us: United States
  dprk: DPRK
commitments:
"""
GOOD = """\
  - id: recovery
    target: doc/one
    quote: "commit to recovering remains"
    parties: [us, dprk]
    summary: Recover remains.
    statuses:
      - date: "2018-06-12"
        status: not-begun
        text: Nothing yet.
        events: [summit]
        sources:
          - {title: A release, publisher: An agency, date: "2018-06-12"}
      - date: "2018-07-27"
        status: partial
        text: A handover.
        events: [handover]
        sources:
          - {title: Another release, publisher: An agency}
      - date: "2019-05"
        status: stalled
        text: Suspended.
        events: [suspension]
        sources:
          - {title: A report, publisher: A wire service}
      - date: "2019-11-01"
        status: stalled
        text: Still suspended.
        sources:
          - {title: A later report, publisher: A wire service}
"""


def _load(tmp_path: Path, body: str, header: str = HEADER) -> tuple[list[Commitment], str, str]:
    path = tmp_path / "commitments.yml"
    path.write_text(header + body, encoding="utf-8")
    diagnostics = Diagnostics()
    loaded, as_of = load_commitments(path, lambda ref: CLAUSES.get(str(ref)), sorted(CLAUSES), EVENTS, diagnostics)
    return loaded, as_of, diagnostics.format(tmp_path)


def test_a_valid_file_loads_with_levels_spans_and_dates(tmp_path: Path) -> None:
    loaded, as_of, problems = _load(tmp_path, GOOD)
    assert problems == "" and as_of == "2019-12-31"
    (commitment,) = loaded
    assert commitment.target == Ref("doc", "one") and commitment.parties == ("United States", "DPRK")
    assert commitment.span == (12, 40)
    assert [(e.status, e.level) for e in commitment.statuses] == [
        ("not-begun", 0), ("partial", 2), ("stalled", 2), ("stalled", 2)]
    # A later entry that confirms the status does not move the date it began.
    assert commitment.current.date == "2019-11-01" and commitment.since == "2019-05"
    assert status_on(commitment, "2018-06-30").status == "not-begun"
    assert status_on(commitment, "2018-01-01") is None


def _replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


# Each class of mistake: the text that makes it, the located message, and the hint.
MISTAKES = [
    pytest.param(_replace("target: doc/one", "target: doc/onw"),
                 "commitments.yml:7:13: error: commitment 'recovery' targets unknown clause 'doc/onw'",
                 "Did you mean: doc/one", id="unknown-clause"),
    pytest.param(_replace("events: [handover]", "events: [handvoer]"),
                 "commitments.yml:21:18: error: commitment 'recovery': unknown timeline event 'handvoer'",
                 "Did you mean: handover", id="unknown-event"),
    pytest.param(_replace('date: "2019-11-01"', 'date: "2020-01-15"'),
                 "commitments.yml:30:15: error: commitment 'recovery': status dated 2020-01-15, after the "
                 "tracker's as_of date 2019-12-31", "move 'as_of' forward", id="past-as-of"),
    pytest.param(_replace("status: partial", "status: partialy"),
                 "commitments.yml:19:17: error: commitment 'recovery': status 'partialy' is not in the vocabulary",
                 "Did you mean 'partial'? Use one of: not-begun, begun, partial, fulfilled, stalled, reversed",
                 id="status-vocabulary"),
    pytest.param(_replace("""        sources:
          - {title: Another release, publisher: An agency}
""", ""), "commitments.yml:18:9: error: commitment 'recovery': status entry dated 2018-07-27 has no sources",
        "official releases first", id="unsourced-missing"),
    pytest.param(_replace("""        sources:
          - {title: Another release, publisher: An agency}
""", "        sources: []\n"),
        "commitments.yml:22:18: error: commitment 'recovery': status entry dated 2018-07-27 has no sources",
        "official releases first", id="unsourced-empty"),
    pytest.param(_replace('date: "2019-05"', 'date: "2018-01"'),
                 "commitments.yml:24:15: error: commitment 'recovery': status dated 2018-01 comes after one dated "
                 "2018-07-27", "oldest first", id="out-of-order"),
    pytest.param(_replace("parties: [us, dprk]", "parties: [us, dprc]"),
                 "commitments.yml:9:19: error: commitment 'recovery': unknown party 'dprc'",
                 "Did you mean 'dprk'?", id="unknown-party"),
    pytest.param(_replace('quote: "commit to recovering remains"', 'quote: "commit to recover remains"'),
                 "commitments.yml:8:12: error: commitment 'recovery': quote not found in clause 'doc/one'",
                 "Clause text:", id="quote-not-found"),
    pytest.param(_replace("    parties: [us, dprk]\n", "    related: true\n    parties: [us, dprk]\n"),
                 "commitments.yml:9:14: error: related undertaking 'recovery' does not say where it was made",
                 "Add 'basis'", id="related-without-basis"),
    pytest.param(GOOD + GOOD, "commitments.yml:35:9: error: duplicate commitment id 'recovery'",
                 "already used on line 6", id="duplicate-id"),
    pytest.param(_replace('date: "2018-07-27"', 'date: "2018-02-30"'),
                 "commitments.yml:18:15: error: commitment 'recovery': impossible date '2018-02-30'",
                 "real calendar date", id="impossible-date"),
]


@pytest.mark.parametrize(("body", "message", "hint"), MISTAKES)
def test_each_mistake_is_located_with_a_hint(tmp_path: Path, body: str, message: str, hint: str) -> None:
    loaded, _, problems = _load(tmp_path, body)
    assert loaded == []
    assert message in problems, problems
    hint_lines = problems.split(message, 1)[1].split("\n")
    assert hint in " ".join(line.strip() for line in hint_lines[1:4]), problems


def test_a_wrong_status_is_reported_once_not_again_by_the_schema(tmp_path: Path) -> None:
    _, _, problems = _load(tmp_path, _replace("status: partial", "status: done"))
    assert problems.count("commitments.yml:19:17") == 1, problems


def test_an_event_check_is_skipped_when_the_timeline_failed(tmp_path: Path) -> None:
    path = tmp_path / "commitments.yml"
    path.write_text(HEADER + _replace("events: [handover]", "events: [anything]"), encoding="utf-8")
    diagnostics = Diagnostics()
    loaded, _ = load_commitments(path, lambda ref: CLAUSES.get(str(ref)), sorted(CLAUSES), None, diagnostics)
    assert len(loaded) == 1 and not diagnostics


def test_make_check_reports_tracker_mistakes_with_path_line_and_column(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "source_texts" / "commitments.yml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("target: singapore-2018/point-4", "target: singapore-2018/point-44", 1)
    broken = broken.replace("events: [remains-returned-2018]", "events: [remains-returned-2108]", 1)
    broken = broken.replace("status: fulfilled", "status: done", 1)
    path.write_text(broken, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--root", str(project), "check"], out=out, err=err) == 1
    report = out.getvalue()
    lines = broken.splitlines()
    target_line = next(i for i, line in enumerate(lines, 1) if "singapore-2018/point-44" in line)
    assert f"source_texts/commitments.yml:{target_line}:13: error: commitment 'remains-recovery' targets unknown " \
           "clause 'singapore-2018/point-44'" in report
    assert "Did you mean: singapore-2018/point-4" in report
    assert re.search(r"source_texts/commitments\.yml:\d+:\d+: error: commitment '[a-z-]+': unknown timeline event "
                     r"'remains-returned-2108'", report)
    assert "Did you mean: remains-returned-2018" in report
    assert re.search(r"commitments\.yml:\d+:\d+: error: commitment '[a-z-]+': status 'done' is not in the vocabulary",
                     report)


# --- the chart's numbers ------------------------------------------------------------------------

def _commitment(commitment_id: str, *entries: tuple[str, str]) -> Commitment:
    levels = {"not-begun": 0, "begun": 1, "partial": 2, "fulfilled": 3}
    return Commitment(commitment_id, Ref("doc", "one"), ("A",), "S.",
                      tuple(StatusEntry(d, s, levels.get(s, 0), "T.", (), ()) for d, s in entries))


def test_snapshots_count_each_status_at_year_ends_and_on_as_of() -> None:
    commitments = [_commitment("a", ("2018-06-12", "begun"), ("2019-03", "stalled")),
                   _commitment("b", ("2019-02-01", "fulfilled"))]
    rows = snapshots(commitments, "2020-06-30")
    assert [row.label for row in rows] == ["End of 2018", "End of 2019", "June 30, 2020 (as of)"]
    assert rows[0].counts["begun"] == 1 and rows[0].counts[NO_STATUS] == 1
    assert rows[1].counts["stalled"] == 1 and rows[1].counts["fulfilled"] == 1
    assert all(row.total == 2 for row in rows)
    layout = chart_layout(rows, chart_statuses(commitments))
    assert [bar.count for bar in layout.rows[0].bars] == [1, 1]  # begun, then "no status yet"
    assert [item.status for item in layout.legend] == ["begun", "fulfilled", "stalled", NO_STATUS]


# --- the edition's own data -----------------------------------------------------------------------

def _of(document: str) -> list[Commitment]:
    return [c for c in EDITION.commitments if c.target.document == document]


def test_the_statement_has_at_least_seven_commitments_covering_what_the_issue_names() -> None:
    singapore = [c for c in _of("singapore-2018") if not c.related]
    assert len(singapore) >= 7
    targets = {str(c.target) for c in singapore}
    assert {"singapore-2018/intro-2", "singapore-2018/point-1", "singapore-2018/point-2", "singapore-2018/point-3",
            "singapore-2018/point-4", "singapore-2018/closing-1"} <= targets
    intro = [c.quote for c in singapore if str(c.target) == "singapore-2018/intro-2"]
    assert any("security guarantees" in q for q in intro) and any("reaffirmed" in q for q in intro)
    point_4 = [c.quote for c in singapore if str(c.target) == "singapore-2018/point-4"]
    assert "the immediate repatriation of those already identified" in point_4 and len(point_4) >= 2
    assert any("follow-on negotiations" in c.quote for c in singapore if str(c.target) == "singapore-2018/closing-1")


def test_every_one_of_the_thirteen_panmunjom_points_is_tracked() -> None:
    points = [f"article-{a}.{n}" for a, count in ((1, 6), (2, 3), (3, 4)) for n in range(1, count + 1)]
    tracked = {c.target.clause for c in _of("panmunjom-2018")}
    assert len(points) == 13 and set(points) <= tracked
    assert len(_of("panmunjom-2018")) >= 13


def test_every_entry_is_dated_sourced_and_not_past_as_of() -> None:
    as_of = EDITION.commitments_as_of
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of)
    events = {e.id for e in EDITION.events}
    for commitment in EDITION.commitments:
        assert commitment.statuses, commitment.id
        for entry in commitment.statuses:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", entry.date) and entry.date[:10] <= as_of
            assert entry.status in STATUSES and entry.text
            assert entry.sources and all(s.title and s.publisher for s in entry.sources), (commitment.id, entry.date)
            assert set(entry.events) <= events
            assert entry.date >= "2018", "coded from 2018"


def test_related_undertakings_say_they_are_not_in_the_text() -> None:
    related = [c for c in EDITION.commitments if c.related]
    assert related, "the joint exercises announced at the press conference are tracked"
    assert all(c.basis and "not in the" in c.basis for c in related)

"""`scripts/bench.py --quick` runs end to end and reports what the performance issue asks for.
The structure of its JSON is checked here; never its timings (the machine is shared and noisy)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

RUN_KEYS = {"size", "clause_pages", "notes", "build_s", "bare_build_s", "plugin_s", "check_s",
            "peak_rss_mb", "statement_page_bytes", "site_bytes", "largest_page", "overhead",
            "build_cpu_s", "bare_build_cpu_s", "ms_per_clause_page",
            "warm_build_s", "warm_check_s", "ratio", "warm_ratio", "memory_ratio"}
PHASES = {"load", "anchor", "link", "render", "export"}


def test_quick_benchmark_reports_every_size_phase_and_target(tmp_path) -> None:  # type: ignore[no-untyped-def]
    output = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--json",
                             "--output", str(output)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout)
    assert json.loads(output.read_text(encoding="utf-8")) == report

    assert [run["size"] for run in report["runs"]] == ["1x", "2x"]
    assert [(run["clause_pages"], run["notes"]) for run in report["runs"]] == [(40, 80), (80, 160)]
    for run in report["runs"]:
        assert RUN_KEYS <= set(run), RUN_KEYS - set(run)
        assert set(run["plugin_s"]["phases"]) == PHASES
        assert run["plugin_s"]["phases"]["load"] > 0 and run["plugin_s"]["phases"]["render"] > 0
        for key in ("build_s", "bare_build_s", "check_s", "peak_rss_mb", "warm_build_s", "warm_check_s"):
            assert isinstance(run[key], float) and run[key] > 0, key
        assert run["statement_page_bytes"] > 0 and run["site_bytes"] > run["statement_page_bytes"]
        assert run["largest_page"]["bytes"] >= run["statement_page_bytes"]
        assert run["pages_differing_from_bare"] == 0  # the bare build made the same pages

    serve = report["serve"]
    assert serve["edits"] == 1 and len(serve["all_rebuilds_s"]) == 1 and len(serve["all_bare_rebuilds_s"]) == 1
    assert serve["edited"].startswith("docs/commentary/")
    assert set(report["targets"]) >= {"overhead_at_most_10_percent", "time_per_clause_page_ratio_at_most_1.2",
                                      "statement_page_ratio_at_most_1.1", "check_under_5_s",
                                      "serve_rebuild_at_most_1.5x_bare", "cold_build_at_most_1.2x_bare",
                                      "warm_build_at_most_1.1x_bare", "warm_check_under_1_s",
                                      "peak_memory_at_most_1.5x_bare"}
    assert all(isinstance(target["met"], bool) for target in report["targets"].values() if "met" in target)
    assert report["machine"]["cpus"] >= 1 and report["versions"]["mkdocs"].startswith("1.")
    assert len(report["load_average"]["before"]) == 3
    # The human-readable table is what `make bench` prints.
    table = subprocess.run([sys.executable, "-c",
                            "import json,sys; sys.path.insert(0, 'scripts'); import bench; "
                            f"print(bench.table(json.load(open({str(output)!r}))))"],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].startswith("| size | build s | bare s | overhead |")
    assert "| size | plugin s | load | anchor | link | render | export |" in table.stdout
    assert "| size | warm s | cold / bare | warm / bare | check s | warm check s |" in table.stdout
    assert "| 2x | 80 | 160 |" in table.stdout

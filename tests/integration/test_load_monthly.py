"""`loaders.monthly.cut_monthly`: a generated jeju bundle cut into consecutive monthly bundles and
loaded one month after another gives the graph one load of the whole bundle gives, node for node
and relationship for relationship (only the provenance of each row, its load and its row number in
its file, differs), with the same rejected rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.runner import Runner
from loaders.bundle import load_bundle
from loaders.monthly import cut_monthly
from loaders.snapshot import snapshot

PROVENANCE = ("load_id", "first_load_id", "source_row", "source_file")


def _rejects(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [(r[0], r[2], r[3], r[4]) for r in list(csv.reader(fh))[1:]]   # all but the row number


@pytest.fixture(scope="module")
def jeju_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from synth.build import generate

    out = tmp_path_factory.mktemp("jeju-small")
    generate("jeju", out, seed=7, scale=0.02)
    return out


def test_monthly_bundles_loaded_in_turn_give_the_graph_of_one_load(empty_graph: Runner, tmp_path: Path,
                                                                    jeju_small: Path) -> None:
    months = cut_monthly(jeju_small, tmp_path / "months")
    assert [m.name for m in months] == sorted(m.name for m in months) and len(months) >= 24
    # Every row of every file lands in exactly one month.
    for name, encoding in (("calls.csv", "cp949"), ("call_persons.csv", "cp949"), ("services.csv", "utf-8-sig")):
        def rows(path: Path, encoding: str = encoding) -> int:
            with path.open(encoding=encoding, newline="") as fh:
                return sum(1 for _ in csv.reader(fh)) - 1
        assert sum(rows(m / name) for m in months if (m / name).exists()) == rows(jeju_small / name), name
    load_bundle(jeju_small, empty_graph, rejects=tmp_path / "whole.csv", run_resolution=False)
    expected = snapshot(empty_graph, exclude_props=PROVENANCE)
    empty_graph.delete_all()
    for m in months:
        load_bundle(m, empty_graph, rejects=tmp_path / f"{m.name}.csv", run_resolution=False)
    got = snapshot(empty_graph, exclude_props=PROVENANCE)
    assert got["nodes"] == expected["nodes"] and got["relationships"] == expected["relationships"]
    assert got["lines"] == expected["lines"]
    monthly_rejects = sorted(r for m in months for r in _rejects(tmp_path / f"{m.name}.csv"))
    assert monthly_rejects and monthly_rejects == sorted(_rejects(tmp_path / "whole.csv"))


def test_the_replay_loads_month_after_month_and_matches_suggestions_to_the_final_graph(
        empty_graph: Runner, tmp_path: Path, jeju_small: Path) -> None:
    """`suggest.replay` on the first eight months: it refuses a graph that holds anything, loads
    each month followed as `jss load` follows it (resolution, risk scores, a suggestion run), and reports the suggestions each run
    raised against the final graph, next to the as-of back-test on the same graph."""
    from graph.settings import load_settings
    from suggest.replay import ReplayRefused, replay

    months = cut_monthly(jeju_small, tmp_path / "months")[:8]
    empty_graph.write("CREATE (:Agency {agency_id: 'SOMETHING'})", name="test.seed")
    with pytest.raises(ReplayRefused, match="empty database"):
        replay(empty_graph, months, load_settings())
    empty_graph.delete_all()
    report = replay(empty_graph, months, load_settings())
    assert [m["month"] for m in report["per_month"]] == [m.name for m in months]
    runs = empty_graph.read("MATCH (r:SuggestionRun) RETURN r.as_of AS as_of, r.created + r.reraised AS raised "
                            "ORDER BY r.run", name="test.runs", row_cap=100).rows
    # One run after each load, each as of its month's data; what each raised is what the report counts.
    assert [str(r["as_of"])[:7] for r in runs] == [m.name for m in months]
    assert [r["raised"] for r in runs] == [m["raised"] for m in report["per_month"]]
    assert sum(r["raised"] for r in runs) > 0
    assert empty_graph.read_value("MATCH (s:RiskScoring) RETURN count(s)", name="test.scored") >= 1   # scored first
    stored = empty_graph.read_value("MATCH (s:Suggestion) RETURN count(s)", name="test.suggestions")
    assert report["raised_households"] == stored
    # Matched through their records to the households of the final graph (merges can join two).
    assert 0 < report["replay"]["suggested"] <= report["raised_households"]
    # The secretary's 20 a month: at most 20 first raised in any month, all of them among everything raised.
    capped = report["replay_top20"]
    assert 0 < capped["suggested"] <= min(report["replay"]["suggested"], 20 * len(months))
    assert set(report["as_of_backtest_on_the_final_graph"]) == {"rules", "rules_top20", "marac_only", "touched"}

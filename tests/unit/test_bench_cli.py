"""`jss bench`: every benchmark is a click sub-command whose options reach the module's `run`
function as typed arguments (no sys.argv in between). The benchmarks themselves are not run here."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import bench as bench_cli
from cli.main import cli

ROOT = Path(__file__).resolve().parents[2]


def _recorder(calls: list[tuple[str, tuple, dict]], name: str) -> Any:
    def record(*args: Any, **kwargs: Any) -> dict:
        calls.append((name, args, kwargs))
        return {}
    return record


@pytest.mark.parametrize("name", [*bench_cli.SUITES, "all"])
def test_every_bench_command_has_its_help(name: str) -> None:
    result = CliRunner().invoke(cli, ["bench", name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: cli bench {name}" in result.output and "Options:" in result.output


def test_the_group_lists_every_benchmark() -> None:
    result = CliRunner().invoke(cli, ["bench", "--help"])
    assert result.exit_code == 0, result.output
    assert list(bench_cli.SUMMARIES) == [*bench_cli.SUITES, "all"]
    for name in bench_cli.SUMMARIES:
        assert f"  {name} " in result.output
    assert CliRunner().invoke(cli, ["bench", "nothing"]).exit_code != 0


@pytest.mark.parametrize(("argv", "expected"), [
    (["synth", "0.5", "--preset", "jeju", "--seed", "7", "--keep"], ((0.5, "jeju", 7, None, True), {})),
    (["load", "--preset", "jeju", "--scale", "0.2", "--runs", "2", "--batch", "500", "--no-bulk",
      "--name", "x"],
     (("jeju", 0.2, 2, 300, 500, False, "x"), {})),
    (["resolve", "--sizes", "3000", "--sizes", "9000", "--no-splink-fair"],
     (((3000, 9000), True, False), {})),
    (["queries", "--preset", "national", "--scale", "1", "--load", "--runs", "10"],
     ((10, "national", 1.0, True, 5), {})),
    (["app", "--repeat", "3", "--no-browser"], ((3, False, 2000), {})),
    (["growth", "--scale", "0.01", "--factors", "1", "--factors", "3"],
     (("national", 0.01, (1, 3), 200), {})),
    (["explorer", "--runs", "30", "--keep"], ((155_000, 1_350_000, 30, True), {})),
    (["risk", "--label", "national-1", "--from-empty"], (("national-1", True), {})),
    (["risk-validation", "--bundle", ".", "--bundle", "bench", "--horizon", "180"],
     (((Path("."), Path("bench")), 40_000, 180, ROOT / "bench" / "results" / "risk.json"), {})),
    (["resolve-records", "--sizes", "500", "--no-splink", "--jeju", "."],
     (((500,), 7, False, True, Path(".")), {})),
    (["resolve-file", "--sizes", "3000", "--json", "out.json"], (((3000,), 7, 10, 5, Path("out.json")), {})),
    (["febrl", "--datasets", "3", "--no-splink"], (((3,), False, 15), {})),
    (["households", "--records", "1000", "--no-reference"], ((1000, False), {})),
    (["households-errors", "."], ((Path("."),), {})),
    (["load-jeju", "--scale", "0.5", "--wipe"], (("jeju", 0.5, None, True, False), {})),
])
def test_options_reach_the_run_function(monkeypatch: pytest.MonkeyPatch, argv: list[str],
                                        expected: tuple[tuple, dict]) -> None:
    calls: list[tuple[str, tuple, dict]] = []
    module = bench_cli.suite(argv[0])
    monkeypatch.setattr(module, "run", _recorder(calls, argv[0]))
    result = CliRunner().invoke(cli, ["bench", *argv])
    assert result.exit_code == 0, result.output
    assert calls == [(argv[0], *expected)]


def test_all_runs_load_resolve_queries_and_app_with_the_preset(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, tuple, dict]] = []
    for name in bench_cli.ALL:
        monkeypatch.setattr(bench_cli.suite(name), "run", _recorder(calls, name))
    assert CliRunner().invoke(cli, ["bench", "all", "--preset", "jeju", "--scale", "1"]).exit_code == 0
    assert calls == [("load", (), {"preset": "jeju", "scale": 1.0}), ("resolve", (), {}),
                     ("queries", (), {"preset": "jeju", "scale": 1.0, "load": True}), ("app", (), {})]
    calls.clear()
    assert CliRunner().invoke(cli, ["bench", "all"]).exit_code == 0
    assert calls == [("load", (), {"preset": "national"}), ("resolve", (), {}),
                     ("queries", (), {"preset": "national"}), ("app", (), {})]


def test_growth_runs_the_load_benchmark_at_each_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import growth, load_bench

    calls: list[tuple[str, tuple, dict]] = []
    monkeypatch.setattr(load_bench, "run", _recorder(calls, "load"))
    monkeypatch.setattr(growth.report, "save", lambda name, data: calls.append(("save", (name,), {})))
    growth.run("jeju", 0.01, (1, 4), 50)
    assert calls == [("load", ("jeju", 0.01), {"naive_sample": 50, "name": "growth-jeju-0.01"}),
                     ("load", ("jeju", 0.04), {"naive_sample": 50, "name": "growth-jeju-0.04"}),
                     ("save", ("growth-jeju",), {})]


def test_resolve_passes_its_sizes_to_the_engine_benchmark(monkeypatch: pytest.MonkeyPatch) -> None:
    """`jss bench resolve` runs bench/resolve_bench.py in a child process: the arguments it builds
    must be ones that script's command reads back as the same sizes and switches."""
    import subprocess

    from bench import report, resolve_bench, resolve_run

    sent: list[list[str]] = []
    monkeypatch.setattr(subprocess, "run", lambda cmd, **_: sent.append(cmd) or
                        subprocess.CompletedProcess(cmd, 0, stdout="", stderr=""))
    monkeypatch.setattr(report, "save", lambda name, data: Path(name))
    resolve_run.run((3000, 9000), splink=True, splink_fair=False)
    assert sent[0][1].endswith("bench/resolve_bench.py")
    calls: list[tuple[str, tuple, dict]] = []
    monkeypatch.setattr(resolve_bench, "run", _recorder(calls, "engines"))
    assert CliRunner().invoke(resolve_bench.command, sent[0][2:]).exit_code == 0
    assert calls == [("engines", ((3000, 9000), 7, True, False, None), {})]


def test_nothing_swaps_sys_argv() -> None:
    """Benchmarks take their arguments from click, never from an assigned sys.argv."""
    assigned = []
    for path in [*ROOT.glob("bench/**/*.py"), *ROOT.glob("cli/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                for t in ast.walk(target):
                    if isinstance(t, ast.Attribute) and t.attr == "argv":
                        assigned.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert assigned == []
    assert "sys.argv" not in (ROOT / "cli" / "bench.py").read_text(encoding="utf-8")

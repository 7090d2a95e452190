"""The query catalogue's files: headers, parameters, Korean text, docs, CLI listing (no database)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cypher_files import parse_cypher_file, used_parameters
from graph.errors import CatalogueError
from queries import catalogue

REPO = Path(__file__).resolve().parents[2]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
FILES = sorted((REPO / "queries").glob("*.cypher"))


def test_the_catalogue_has_exactly_the_agreed_queries() -> None:
    assert sorted(p.stem for p in FILES) == sorted(catalogue.NAMES)
    assert catalogue.names() == sorted(catalogue.NAMES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_header_is_complete(path: Path) -> None:
    q = parse_cypher_file(path)        # also enforces declared params == the $params used
    assert q.name == path.stem and q.mode == "read"
    assert len(q.description) > 40
    assert HANGUL.search(str(q.extra.get("title_ko", ""))), "title_ko must be Korean"
    assert HANGUL.search(str(q.extra.get("description_ko", ""))), "description_ko must be Korean"
    assert {p.name for p in q.params} == used_parameters(q.text)
    columns = q.extra.get("columns") or {}
    assert columns, "columns must be documented"
    for column in columns:   # each documented column is returned by the query
        assert re.search(rf"\b{column}\b", q.text), f"column {column} is not in the query"
    for p in q.params:
        assert p.description, f"parameter {p.name} needs a description"


def test_bind_applies_defaults_types_and_refuses_unknown_names() -> None:
    q = catalogue.get("repeat_victims")
    assert catalogue.bind(q) == {"window_days": 365, "min_calls": 2}
    assert catalogue.bind(q, {"window_days": "30"}) == {"window_days": 30, "min_calls": 2}
    with pytest.raises(CatalogueError, match="no parameter"):
        catalogue.bind(q, {"window": 30})
    with pytest.raises(CatalogueError, match="expects int"):
        catalogue.bind(q, {"min_calls": "two"})
    with pytest.raises(CatalogueError, match="needs parameter household_id"):
        catalogue.bind(catalogue.get("household_agencies"))
    with pytest.raises(CatalogueError, match="YYYY-MM-DD"):
        catalogue.bind(catalogue.get("council_kpis"), {"from": "2023/13/01"})
    assert catalogue.bind(catalogue.get("council_kpis"), {"from": "2023-02-01"})["from"] == "2023-02-01"
    with pytest.raises(CatalogueError, match="unknown query"):
        catalogue.get("no_such_query")


def test_variable_length_bounds_are_literals() -> None:
    # Cypher cannot take a variable-length bound from a parameter; hops are filtered instead.
    for path in FILES:
        assert not re.search(r"\*\s*\.\.\s*\$|\{\s*\d*\s*,\s*\$", path.read_text(encoding="utf-8")), path.name


def test_queries_doc_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("gen_queries_doc", REPO / "scripts" / "gen_queries_doc.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (REPO / "docs" / "queries.md").read_text(encoding="utf-8") == mod.render(), \
        "docs/queries.md is stale: run .venv/bin/python scripts/gen_queries_doc.py"


def test_cli_lists_the_catalogue_in_korean() -> None:
    from cli.main import cli

    out = CliRunner().invoke(cli, ["query", "--list"])
    assert out.exit_code == 0, out.output
    assert "repeat_victims" in out.output and "반복 피해자" in out.output
    bad = CliRunner().invoke(cli, ["query", "repeat_victims", "-p", "min_calls=two"])
    assert bad.exit_code == 1 and "expects int" in bad.output

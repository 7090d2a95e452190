"""docs/data-model.md's diagram and tables are generated from graph/schema.cypher and
loaders/cypher/*.cypher; this fails when someone changes either without regenerating the doc."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_data_model", REPO / "scripts" / "gen_data_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_data_model_doc_is_up_to_date() -> None:
    gen = _generator()
    text = (REPO / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert gen.updated(text) == text, "run .venv/bin/python scripts/gen_data_model.py"


def test_generator_sees_every_relationship_of_the_architecture() -> None:
    rels = {(a, t, b) for a, t, b, *_ in _generator().loader_relationships()}
    expected = {("PersonRecord", "INVOLVED_IN", "Call"), ("Call", "HANDLED_BY", "Agency"),
                ("PoliceMeasure", "FOR_CALL", "Call"), ("RiskAssessment", "FOR_CALL", "Call"),
                ("Service", "FOR_CALL", "Call"), ("RiskAssessment", "BY_AGENCY", "Agency"),
                ("Service", "BY_AGENCY", "Agency"), ("Service", "REFERRED_BY", "Agency"),
                ("CouncilCase", "SUBMITTED_BY", "Agency"), ("Agency", "ATTENDED", "CouncilCase"),
                ("CouncilMeasure", "FOR_CASE", "CouncilCase"), ("CouncilMeasure", "ASSIGNED_TO", "Agency")}
    expected |= {("PersonRecord", "SUBJECT_OF", x) for x in ("PoliceMeasure", "RiskAssessment", "Service",
                                                             "CouncilCase")}
    assert rels == expected


def test_search_indexes_are_the_text_and_fulltext_ones_only() -> None:
    """A bulk load leaves these out of its first schema step and creates them late; every other
    statement (constraints, range and lookup indexes, which the summaries rely on) stays early."""
    from graph.schema import is_search_index, schema_statements

    stmts = schema_statements()
    search = [s for s in stmts if is_search_index(s)]
    assert any("FULLTEXT INDEX person_search" in s for s in search)
    assert any("TEXT INDEX person_record_name_text" in s for s in search)
    assert all(" TEXT INDEX " in s or " FULLTEXT INDEX " in s for s in search)
    early = [s for s in stmts if not is_search_index(s)]
    assert any("CONSTRAINT" in s for s in early) and any("pattern_row_page" in s for s in early)
    assert not any("TEXT INDEX" in s for s in early)
    assert is_search_index("  create text index x IF NOT EXISTS FOR (n:A) ON (n.b)")
    assert not is_search_index("CREATE INDEX text_like IF NOT EXISTS FOR (n:A) ON (n.text)")

"""Resolution resamples the indexes of each kind of node it writes before the links that find
those nodes by key (graph.schema.resample_outdated; tests/integration/test_write_plans.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from resolution import pipeline


def test_each_node_kind_is_resampled_before_its_links_are_written(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(pipeline.graph_io, "write", lambda _r, name, _rows, extra=None: calls.append(name))
    monkeypatch.setattr(pipeline.graph_io, "run_auto_commit", lambda _r, name: calls.append(name))
    monkeypatch.setattr(pipeline.graph_io, "write_run", lambda _r, _row: calls.append("write_resolution_run"))
    monkeypatch.setattr(pipeline, "resample_outdated", lambda _r: calls.append("resample"))
    for fn in ("persons", "resolves_to", "addresses", "address_links", "memberships", "residences",
               "relations", "possible_matches", "resolution_run"):
        monkeypatch.setattr(pipeline.rows, fn, lambda *_a, **_k: [])
    pipeline._write(None, SimpleNamespace(persons=None, review_pairs=None), *([None] * 6))  # noqa: SLF001
    for node, link in (("write_persons", "write_resolves_to"), ("write_addresses", "write_record_at"),
                       ("write_addresses", "write_call_at"), ("write_households", "write_lives_at")):
        between = calls[calls.index(node):calls.index(link)]
        assert "resample" in between, (node, link, calls)
    assert calls[-1] == "write_resolution_run"  # the run's own node, once everything it made is written

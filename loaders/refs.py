"""Cross-file references, checked before anything is written.

A reference (call_id, case_id, agency_id) must name a record of this bundle that was not itself
rejected, or a record already in the graph. Agencies: the bundle's agencies file plus every Agency
already in the graph (fetched once; there are few). Calls and council cases: this bundle's valid
keys, and for the rest one batched graph lookup per file after its validation pass (the national
calls file is too large to fetch whole). Rows whose reference resolves nowhere are rejected.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from loaders.statements import statement
from loaders.validate import ProblemLog, unknown_reason

# reference kind -> (the statement looking ids up in the graph, the file that would hold them)
_LOOKUP = {"call_id": ("refs_known_calls", "calls"), "case_id": ("refs_known_cases", "council_cases")}


@dataclass
class Refs:
    graph: Any = None                               # a Runner, or None (dry run without a database)
    agencies: set[str] = field(default_factory=set)  # this bundle's agencies file
    graph_agencies: set[str] = field(default_factory=set)
    calls: dict[str, int] = field(default_factory=dict)   # call_id -> row, valid calls of this bundle
    cases: dict[str, int] = field(default_factory=dict)
    # loaders.shelter_seal.ShelterSealer: seals shelter locations in every built row (None: a dry
    # run without a database, which writes nothing)
    sealer: Any = None
    # kind -> id -> [(row, column)] of the file being validated, resolved by `resolve_pending`
    pending: dict[str, dict[str, list[tuple[int, str]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    def fetch_graph_agencies(self) -> None:
        if self.graph is not None:
            res = self.graph.read(statement("refs_known_agencies"), name="load.known_agencies",
                                  row_cap=1_000_000)
            self.graph_agencies = {r["id"] for r in res.rows}

    def agency(self, log: ProblemLog, row: int, column: str, agency_id: str | None) -> None:
        if agency_id is not None and agency_id not in self.agencies and agency_id not in self.graph_agencies:
            log.add(row, column, agency_id, unknown_reason("agency_id", "agencies", self.graph is not None))

    def call(self, row: int, column: str, call_id: str | None) -> None:
        if call_id is not None and call_id not in self.calls:
            self.pending["call_id"][call_id].append((row, column))

    def case(self, row: int, column: str, case_id: str | None) -> None:
        if case_id is not None and case_id not in self.cases:
            self.pending["case_id"][case_id].append((row, column))

    def resolve_pending(self, log: ProblemLog, batch: int = 10_000) -> None:
        """Look the unresolved references up in the graph; reject the rows whose id is nowhere."""
        for kind, waiting in self.pending.items():
            ids = list(waiting)
            found: set[str] = set()
            if self.graph is not None:
                query = statement(_LOOKUP[kind][0])
                for i in range(0, len(ids), batch):
                    found |= set(self.graph.read_value(query, {"ids": ids[i:i + batch]},
                                                       name=f"load.lookup_{kind}") or [])
            for ref in ids:
                if ref not in found:
                    for row, column in waiting[ref]:
                        log.add(row, column, ref, unknown_reason(kind, _LOOKUP[kind][1], self.graph is not None))
        self.pending.clear()

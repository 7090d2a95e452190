"""A synthetic "star": one agency with a national agency's number of neighbours, for the explorer.

At the national preset the busiest police station handles ≈155 k calls and touches ≈250 k nodes.
Rebuilding that graph takes hours; this builds the same shape around one node in a minute, so the
explorer's neighbour query can be measured (bench/explorer_bench.py) and tested
(tests/integration/test_explorer_neighbours.py) at that degree. Every value is synthetic.

Shape (`calls` = n):
- `A-BIG` (police): n calls (HANDLED_BY), n/10 risk assessments (BY_AGENCY), n/20 services it
  REFERRED_BY (each BY_AGENCY `A-SVC`), n/500 council cases it SUBMITTED_BY and ATTENDED (two
  relationships to one neighbour), n/500 council measures ASSIGNED_TO it, and n/1000 services it
  both gave (BY_AGENCY) and REFERRED_BY (two relationships to one neighbour);
- `A-SVC` (Sunflower Centre): those services;
- eight other stations with `other` calls between them, so the calls' date index holds calls of
  many agencies;
- a few calls of `A-BIG` share a received_at (ties are ordered by element id) and
  `undated` have none (they sort last).
"""

from __future__ import annotations

from typing import Any

BIG, SERVICE_AGENCY = "A-BIG", "A-SVC"
OTHERS = [f"A-OTH{i}" for i in range(8)]
BATCH = 20_000

_AGENCIES = """
UNWIND $rows AS row
MERGE (a:Agency {agency_id: row.id}) SET a.name = row.name, a.type = row.type
"""
# Calls of agency $agency: received_at spread over five years by a fixed hash of the index.
_CALLS = """
UNWIND range($lo, $hi - 1) AS i
MATCH (a:Agency {agency_id: $agency})
CREATE (c:Call {call_id: $prefix + toString(i), agency_id: $agency, category: 'domestic_violence',
                received_at: CASE WHEN i < $undated THEN null
                  ELSE localdatetime('2020-01-01T00:00:00') + duration({minutes: (i * 7919) % 2600000}) END})
CREATE (c)-[:HANDLED_BY]->(a)
"""
_ASSESSMENTS = """
UNWIND range($lo, $hi - 1) AS i
MATCH (a:Agency {agency_id: $agency})
CREATE (r:RiskAssessment {assessment_id: 'RA-' + toString(i), date: date('2020-01-01') + duration({days: (i * 31) % 1800})})
CREATE (r)-[:BY_AGENCY]->(a)
"""
# Services $giver gave (BY_AGENCY) on $referrer's referral (REFERRED_BY); the same agency for
# both gives one neighbour through two relationships.
_SERVICES = """
UNWIND range($lo, $hi - 1) AS i
MATCH (g:Agency {agency_id: $giver}), (r:Agency {agency_id: $referrer})
CREATE (v:Service {service_key: $prefix + toString(i), date: date('2020-01-01') + duration({days: (i * $step) % 1800})})
CREATE (v)-[:BY_AGENCY]->(g)
CREATE (v)-[:REFERRED_BY]->(r)
"""
_CASES = """
UNWIND range($lo, $hi - 1) AS i
MATCH (a:Agency {agency_id: $agency})
CREATE (k:CouncilCase {case_id: 'CC-' + toString(i), meeting_date: date('2021-01-01') + duration({days: (i * 13) % 1400})})
CREATE (k)-[:SUBMITTED_BY]->(a)
CREATE (a)-[:ATTENDED]->(k)
CREATE (m:CouncilMeasure {measure_id: 'CM-' + toString(i), due_date: date('2021-02-01') + duration({days: (i * 11) % 1400})})
CREATE (m)-[:FOR_CASE]->(k)
CREATE (m)-[:ASSIGNED_TO]->(a)
"""


def _batched(runner: Any, cypher: str, n: int, name: str, **params: Any) -> None:
    for lo in range(0, n, BATCH):
        runner.write(cypher, {"lo": lo, "hi": min(n, lo + BATCH), **params}, name=name)


def build(runner: Any, calls: int, other: int = 0, undated: int = 3, *, assessments: int | None = None,
          services: int | None = None, self_services: int | None = None, cases: int | None = None
          ) -> dict[str, Any]:
    """Write the star into the (empty) graph `runner` points at; returns its sizes. The classes
    other than calls default to the shares above; a test may set them apart (each path of the
    query depends on a class's size against its 1,000 threshold, not on the ratios)."""
    assessments = calls // 10 if assessments is None else assessments
    services = calls // 20 if services is None else services
    self_services = calls // 1000 if self_services is None else self_services
    cases = max(1, calls // 500) if cases is None else cases
    rows = [{"id": BIG, "name": "가상경찰서", "type": "police"},
            {"id": SERVICE_AGENCY, "name": "가상해바라기센터", "type": "sunflower"},
            *({"id": a, "name": f"가상지구대{i}", "type": "police"} for i, a in enumerate(OTHERS))]
    runner.write(_AGENCIES, {"rows": rows}, name="bench.star_agencies")
    _batched(runner, _CALLS, calls, "bench.star_calls", agency=BIG, prefix="C-BIG-", undated=undated)
    per_other = other // len(OTHERS)
    for a in OTHERS:
        _batched(runner, _CALLS, per_other, "bench.star_calls", agency=a, prefix=f"C-{a}-", undated=0)
    # Ties: a few calls of the big agency share one timestamp.
    runner.write("MATCH (c:Call) WHERE c.call_id IN $ids SET c.received_at = localdatetime('2024-12-31T23:00:00')",
                 {"ids": [f"C-BIG-{i}" for i in range(undated, undated + 4)]}, name="bench.star_ties")
    _batched(runner, _ASSESSMENTS, assessments, "bench.star_assessments", agency=BIG)
    _batched(runner, _SERVICES, services, "bench.star_services", giver=SERVICE_AGENCY, referrer=BIG,
             prefix="SV-", step=17)
    _batched(runner, _SERVICES, self_services, "bench.star_self_services", giver=BIG, referrer=BIG,
             prefix="SV-SELF-", step=23)
    _batched(runner, _CASES, cases, "bench.star_cases", agency=BIG)
    return {"calls": calls, "other_calls": per_other * len(OTHERS), "assessments": assessments,
            "services": services, "self_referred_services": self_services, "council_cases": cases}


def element_id(runner: Any, agency_id: str) -> str:
    return runner.read_value("MATCH (a:Agency {agency_id: $id}) RETURN elementId(a) AS id", {"id": agency_id},
                             name="bench.star_element_id")

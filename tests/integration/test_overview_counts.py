"""overview_counts reads counts from the count store and dates in index order: check it against a
hand-built graph where records are unresolved and dates are out of insertion order."""

from __future__ import annotations

from graph.runner import Runner
from queries import catalogue


def test_overview_counts_on_a_hand_built_graph(empty_graph: Runner) -> None:
    empty_graph.write(
        "CREATE (:Call {call_id: 'C2', received_at: localdatetime('2023-05-01T10:00:00')}),"
        "       (:Call {call_id: 'C1', received_at: localdatetime('2021-02-03T23:59:00')}),"
        "       (:Call {call_id: 'C3'}),"
        "       (r1:PersonRecord {record_id: 'r1'})-[:RESOLVES_TO]->(p:Person {person_id: 'P1'}),"
        "       (:PersonRecord {record_id: 'r2'}), (:PersonRecord {record_id: 'r3'}),"
        "       (:PoliceMeasure {measure_id: 'M1', date: date('2022-07-01')}),"
        "       (:PoliceMeasure {measure_id: 'M2', date: date('2020-01-15')}),"
        "       (:CouncilMeasure {measure_id: 'K1'})", name="test.seed")
    got = {r["item"]: r for r in catalogue.run(empty_graph, "overview_counts", {}).rows}
    assert (got["Call"]["count"], str(got["Call"]["first"]), str(got["Call"]["last"])) == (3, "2021-02-03", "2023-05-01")
    assert (got["PersonRecord"]["count"], got["UnresolvedRecord"]["count"], got["Person"]["count"]) == (3, 2, 1)
    assert (str(got["PoliceMeasure"]["first"]), str(got["PoliceMeasure"]["last"])) == ("2020-01-15", "2022-07-01")
    assert (got["CouncilMeasure"]["count"], got["CouncilMeasure"]["first"]) == (1, None)
    assert (got["Service"]["count"], got["Service"]["first"]) == (0, None)

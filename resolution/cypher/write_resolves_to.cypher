// title: Link person records to people
// description: Replace each record's RESOLVES_TO with the one to its current Person (score, evidence, method).
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MATCH (r:PersonRecord {record_id: row.record_id})
MATCH (p:Person {person_id: row.person_id})
CALL (r, row) {
  // No label on q: RESOLVES_TO ends only at a Person. With the label, a planner whose index sample
  // is still empty (a new store, a bulk import, a wipe) may scan every Person per row instead of
  // expanding from r: the jeju load's first batch took 148-185 s that way (tests/integration/test_write_plans.py).
  MATCH (r)-[old:RESOLVES_TO]->(q) WHERE q.person_id <> row.person_id
  DELETE old
}
MERGE (r)-[x:RESOLVES_TO]->(p)
SET x.score = row.score, x.evidence = row.evidence, x.method = row.method

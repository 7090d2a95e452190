// title: Link person records to people
// description: Replace each record's RESOLVES_TO with the one to its current Person (score, evidence, method).
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MATCH (r:PersonRecord {record_id: row.record_id})
MATCH (p:Person {person_id: row.person_id})
CALL (r, row) {
  MATCH (r)-[old:RESOLVES_TO]->(q:Person) WHERE q.person_id <> row.person_id
  DELETE old
}
MERGE (r)-[x:RESOLVES_TO]->(p)
SET x.score = row.score, x.evidence = row.evidence, x.method = row.method

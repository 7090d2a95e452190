// title: Link person records to addresses
// description: Replace each one's AT with the one to its current Address (none when address_id is null).
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MATCH (r:PersonRecord {record_id: row.id})
CALL (r, row) {
  // No label on q: AT ends only at an Address; with it, an unsampled address index may make the
  // planner scan every Address per row (see write_resolves_to.cypher).
  MATCH (r)-[old:AT]->(q) WHERE row.address_id IS NULL OR q.address_id <> row.address_id
  DELETE old
}
WITH r, row WHERE row.address_id IS NOT NULL
MATCH (a:Address {address_id: row.address_id})
MERGE (r)-[:AT]->(a)

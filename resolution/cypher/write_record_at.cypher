// title: Link person records to addresses
// description: Replace each one's AT with the one to its current Address (none when address_id is null).
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MATCH (r:PersonRecord {record_id: row.id})
CALL (r, row) {
  MATCH (r)-[old:AT]->(q:Address) WHERE row.address_id IS NULL OR q.address_id <> row.address_id
  DELETE old
}
WITH r, row WHERE row.address_id IS NOT NULL
MATCH (a:Address {address_id: row.address_id})
MERGE (r)-[:AT]->(a)

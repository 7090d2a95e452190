// title: Households of records (replay)
// description: >
//   For the load-by-load replay (suggest/replay.py): the households each given record's person is a
//   member of now. Ids only.
// mode: read
// params:
//   record_ids: {type: list, required: true}
UNWIND $record_ids AS rid
MATCH (:PersonRecord {record_id: rid})-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
RETURN rid AS record_id, collect(DISTINCT h.household_id) AS household_ids

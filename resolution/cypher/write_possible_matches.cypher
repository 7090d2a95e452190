// title: Store pairs for review
// description: (PersonRecord)-[:POSSIBLE_MATCH {pair_id, score, evidence}]->(PersonRecord) for grey-zone pairs.
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MATCH (a:PersonRecord {record_id: row.record_a})
MATCH (b:PersonRecord {record_id: row.record_b})
MERGE (a)-[m:POSSIBLE_MATCH {pair_id: row.pair_id}]->(b)
SET m.score = row.score, m.evidence = row.evidence

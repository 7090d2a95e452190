// title: Write relations between people
// description: (Person)-[:RELATED_TO {relation, call_ids}]->(Person) from relations recorded on calls.
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MATCH (a:Person {person_id: row.person_a})
MATCH (b:Person {person_id: row.person_b})
MERGE (a)-[r:RELATED_TO {relation: row.relation}]->(b)
SET r.call_ids = row.call_ids

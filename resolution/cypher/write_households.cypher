// title: Write households and memberships
// description: MERGE each Household and its members' MEMBER_OF {from, to}.
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MATCH (p:Person {person_id: row.person_id})
MERGE (h:Household {household_id: row.household_id})
MERGE (p)-[m:MEMBER_OF]->(h)
SET m.from = CASE WHEN row.from IS NULL THEN null ELSE date(row.from) END,
    m.to = CASE WHEN row.to IS NULL THEN null ELSE date(row.to) END

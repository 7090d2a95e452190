// title: Write where households live
// description: (Household)-[:LIVES_AT {from, to}]->(Address).
// mode: write
// params:
//   rows: {type: list}
UNWIND $rows AS row
MATCH (h:Household {household_id: row.household_id})
MATCH (a:Address {address_id: row.address_id})
MERGE (h)-[l:LIVES_AT]->(a)
SET l.from = CASE WHEN row.from IS NULL THEN null ELSE date(row.from) END,
    l.to = CASE WHEN row.to IS NULL THEN null ELSE date(row.to) END

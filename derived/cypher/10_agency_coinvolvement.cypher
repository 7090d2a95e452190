// title: Agency co-involvement links
// description: >
//   One (a:Agency)-[:CO_INVOLVED {households, household_ids}]->(b:Agency) per pair of agencies
//   (a.agency_id < b.agency_id) that both had contact with at least one household
//   (Household.agency_ids): households counts them, household_ids keeps the first 20 in order.
// mode: write
MATCH (h:Household) WHERE size(h.agency_ids) >= 2
UNWIND h.agency_ids AS x
UNWIND h.agency_ids AS y
WITH x, y, h.household_id AS household_id WHERE x < y
ORDER BY household_id
WITH x, y, count(*) AS households, collect(household_id)[..20] AS household_ids
MATCH (a:Agency {agency_id: x}), (b:Agency {agency_id: y})
CREATE (a)-[:CO_INVOLVED {households: households, household_ids: household_ids}]->(b)

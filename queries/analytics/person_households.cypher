// title: Person households (analytics pull)
// description: Every resolved person with their household ids and name. Used by queries/analytics.py.
// mode: read
// params: {}
MATCH (p:Person)
OPTIONAL MATCH (p)-[:MEMBER_OF]->(h:Household)
RETURN p.person_id AS person_id, p.name AS name, collect(DISTINCT h.household_id) AS household_ids

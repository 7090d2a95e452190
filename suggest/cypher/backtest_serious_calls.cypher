// title: Serious calls per household
// description: >
//   For the back-test (suggest/backtest.py): the days of calls of at least `min_severity` (the
//   escalation rule's severity, derived/) naming a member of a household as the victim.
// mode: read
// params:
//   min_severity: {type: int, required: true}
MATCH (c:Call) WHERE c.severity >= $min_severity
MATCH (c)<-[:INVOLVED_IN {role: 'victim'}]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
RETURN DISTINCT h.household_id AS household_id, date(c.received_at) AS day

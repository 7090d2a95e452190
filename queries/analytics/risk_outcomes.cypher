// title: Victim calls after a cut-off (risk validation)
// description: Victims with a call in [as_of, as_of + horizon_days), and whether any such call involved a weapon, an injury or priority C0/C1. Used by bench/risk_validation.py.
// mode: read
// params:
//   as_of: {type: date, required: true, description: Cut-off date}
//   horizon_days: {type: int, default: 365, description: Follow-up length in days}
WITH localdatetime({date: date($as_of)}) AS start
MATCH (v:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
WHERE c.received_at >= start AND c.received_at < start + duration({days: $horizon_days})
RETURN v.person_id AS person_id, count(DISTINCT c) AS calls,
       any(x IN collect(c) WHERE x.weapon = true OR x.injury = true OR x.priority IN ['C0', 'C1']) AS serious

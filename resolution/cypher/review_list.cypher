// title: Pairs waiting for review
// description: >
//   Grey-zone record pairs without a decision, strongest first, both records side by side. The
//   pairs are read in score order from the index possible_match_score and the reading stops at
//   `limit` (sorting every pair took 38–45 s for the 5.3 M pairs of the national preset).
// mode: read
// params:
//   limit: {type: int, default: 50}
MATCH (a:PersonRecord)-[m:POSSIBLE_MATCH]->(b:PersonRecord)
WHERE m.score >= 0.0 AND NOT EXISTS { MATCH (d:ReviewDecision {pair_id: m.pair_id}) }
WITH a, m, b ORDER BY m.score DESC, m.pair_id LIMIT $limit
OPTIONAL MATCH (a)-[:RESOLVES_TO]->(pa:Person)
OPTIONAL MATCH (b)-[:RESOLVES_TO]->(pb:Person)
RETURN m.pair_id AS pair_id, m.score AS score, m.evidence AS evidence,
       a {.record_id, .source, .name, .birth_raw, .birth_date, .sex, .phone, .address, .agency_id, .client_ref} AS a,
       b {.record_id, .source, .name, .birth_raw, .birth_date, .sex, .phone, .address, .agency_id, .client_ref} AS b,
       pa.person_id AS person_a, pb.person_id AS person_b
ORDER BY score DESC, pair_id

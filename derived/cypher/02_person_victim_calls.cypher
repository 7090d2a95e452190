// title: Each person's victim calls
// description: >
//   Person.victim_call_count / victim_call_ids / victim_call_at: the distinct dated calls on which
//   any of the person's records is the victim, oldest first (ties by call_id). Absent when none.
//   repeat_victims slides its window over these lists. Written only where they changed.
// mode: write
MATCH (p:Person)
CALL (p) {
  CALL (p) {
    OPTIONAL MATCH (p)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
    WHERE c.received_at IS NOT NULL
    WITH DISTINCT c ORDER BY c.received_at, c.call_id
    RETURN collect(c.call_id) AS ids, collect(c.received_at) AS at
  }
  WITH p, ids, at
  WHERE coalesce(p.victim_call_ids, []) <> ids OR coalesce(p.victim_call_at, []) <> at
  SET p.victim_call_count = CASE WHEN size(ids) > 0 THEN size(ids) END,
      p.victim_call_ids = CASE WHEN size(ids) > 0 THEN ids END,
      p.victim_call_at = CASE WHEN size(ids) > 0 THEN at END
} IN CONCURRENT TRANSACTIONS OF 5000 ROWS

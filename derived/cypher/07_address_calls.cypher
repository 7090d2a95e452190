// title: Calls at each address
// description: >
//   Address.call_count / call_ids / call_at: the distinct dated calls that happened at the address,
//   oldest first (ties by call_id), and call_categories (in order of first appearance). Absent when
//   none. repeat_addresses slides its window over these lists. Written only where they changed.
// mode: write
MATCH (a:Address)
CALL (a) {
  CALL (a) {
    OPTIONAL MATCH (c:Call)-[:AT]->(a)
    WHERE c.received_at IS NOT NULL
    WITH DISTINCT c ORDER BY c.received_at, c.call_id
    RETURN collect(c.call_id) AS ids, collect(c.received_at) AS at, collect(c.category) AS categories
  }
  WITH a, ids, at, reduce(cs = [], x IN categories | CASE WHEN x IN cs THEN cs ELSE cs + x END) AS categories
  WHERE coalesce(a.call_ids, []) <> ids OR coalesce(a.call_at, []) <> at
     OR coalesce(a.call_categories, []) <> categories
  SET a.call_count = CASE WHEN size(ids) > 0 THEN size(ids) END,
      a.call_ids = CASE WHEN size(ids) > 0 THEN ids END,
      a.call_at = CASE WHEN size(ids) > 0 THEN at END,
      a.call_categories = CASE WHEN size(ids) > 0 THEN categories END
} IN CONCURRENT TRANSACTIONS OF 5000 ROWS

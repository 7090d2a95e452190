// title: Call addresses for resolution (one page)
// description: Calls with a recorded address, ordered by call_id after `after`.
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (c:Call) WHERE c.call_id > $after AND c.address IS NOT NULL
WITH c ORDER BY c.call_id LIMIT $page
RETURN c.call_id AS call_id, coalesce(c.address_ref, c.address) AS address, date(c.received_at) AS seen

// title: Who was involved in calls, for the risk history (analytics pull, one page)
// description: >
//   For the next `page` calls by call_id after `after`, whatever their date: every person record
//   named on them, with its role, its relation to the victim and the resolved person (null when
//   not resolved). One record per page: `nodes` calls read, the `last` call_id, and `rows`, one
//   list per involvement in the order `columns` names (flat rows read faster than a list per
//   call). Used by queries/risk_history.py.
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (c:Call) WHERE c.call_id > $after
WITH c ORDER BY c.call_id LIMIT $page
WITH collect(c) AS calls
CALL (calls) {
  UNWIND calls AS c
  MATCH (c)<-[i:INVOLVED_IN]-(r:PersonRecord)
  OPTIONAL MATCH (r)-[:RESOLVES_TO]->(p:Person)
  RETURN collect([c.call_id, i.role, i.relation_to_victim, p.person_id]) AS rows
}
RETURN size(calls) AS nodes,
       reduce(m = '', c IN calls | CASE WHEN c.call_id > m THEN c.call_id ELSE m END) AS last,
       ['call_id', 'role', 'relation', 'person_id'] AS columns, rows

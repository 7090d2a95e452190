// title: Explorer neighbours of one kind and year
// title_ko: 탐색 그래프 이웃 묶음 펼치기
// description: >
//   What a tapped summary node adds: the neighbours of one node (by element id) not in `exclude`
//   whose label is one of `kinds` (in one of `years` when given; 0 stands for undated; only those
//   of `only` when given), person records collapsed as in neighbours.cypher, the newest `cap` of
//   them with their links, and `total` counting them all. Same row shape as neighbours.cypher.
// mode: read
// params:
//   id: {type: str, required: true, description: Element id of the node whose neighbours are read}
//   exclude: {type: list, default: [], description: Element ids already shown}
//   kinds: {type: list, required: true, description: Labels read}
//   years: {type: list, default: null, description: Years kept (0 = undated; null = all)}
//   only: {type: list, default: null, description: Element ids to keep (null = all)}
//   cap: {type: int, default: 25, description: Most neighbours returned}
// kinds:
//   nid: id
//   total: number
//   items: {m: node, rel: code, role: code, outgoing: code}
MATCH (n) WHERE elementId(n) = $id
CALL (n) {
  MATCH (n)-[]-(m)
  WHERE NOT m:PersonRecord AND NOT m:Load AND NOT m:ReviewDecision
  RETURN m
  UNION
  MATCH (n:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[]->(m)
  WHERE NOT m:Person AND NOT m:Address AND NOT m:Load
  RETURN m
  UNION
  MATCH (n)<-[:INVOLVED_IN|SUBJECT_OF|AT|POSSIBLE_MATCH]-(pr:PersonRecord)
  WHERE NOT n:Person
  OPTIONAL MATCH (pr)-[:RESOLVES_TO]->(p:Person)
  RETURN coalesce(p, pr) AS m
}
WITH n, m
WHERE head(labels(m)) IN $kinds AND NOT elementId(m) IN $exclude AND ($only IS NULL OR elementId(m) IN $only)
  AND ($years IS NULL OR coalesce(coalesce(m.received_at, m.date, m.meeting_date, m.due_date, m.start_date,
                                           m.done_date).year, 0) IN $years)
WITH n, m, coalesce(toString(m.received_at), toString(m.date), toString(m.meeting_date), toString(m.due_date), '') AS day
ORDER BY day DESC, elementId(m)
WITH n, count(m) AS total, collect(m)[0..$cap] AS chosen
UNWIND chosen AS m
// How each chosen neighbour is linked, read from its side (as neighbours.cypher).
CALL (n, m) {
  MATCH (n)-[r]-(m)
  WHERE NOT m:PersonRecord AND NOT m:Load AND NOT m:ReviewDecision
  RETURN type(r) AS rel, r.role AS role, startNode(r) = n AS outgoing
  UNION
  MATCH (n:Person)<-[:RESOLVES_TO]-(pr:PersonRecord)
  MATCH (pr)-[r]->(m)
  WHERE NOT m:Person AND NOT m:Address AND NOT m:Load
  RETURN type(r) AS rel, r.role AS role, true AS outgoing
  UNION
  MATCH (m:Person)<-[:RESOLVES_TO]-(pr:PersonRecord)
  MATCH (pr)-[r]->(n)
  WHERE NOT n:Person AND type(r) <> 'RESOLVES_TO'
  RETURN type(r) AS rel, r.role AS role, false AS outgoing
  UNION
  MATCH (m:PersonRecord)-[r]->(n)
  WHERE NOT n:Person AND type(r) <> 'RESOLVES_TO' AND NOT EXISTS { (m)-[:RESOLVES_TO]->(:Person) }
  RETURN type(r) AS rel, r.role AS role, false AS outgoing
}
WITH total, m, rel, role, outgoing,
     coalesce(toString(m.received_at), toString(m.date), toString(m.meeting_date), toString(m.due_date), '') AS day
ORDER BY day DESC, elementId(m)
WITH total, collect({m: m, rel: rel, role: role, outgoing: outgoing}) AS found
RETURN $id AS nid, total,
       [f IN found | {m: {id: elementId(f.m), label: head(labels(f.m)), props: properties(f.m)},
                      rel: f.rel, role: f.role, outgoing: f.outgoing}] AS items

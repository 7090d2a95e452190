// title: Explorer neighbours
// title_ko: 탐색 그래프 이웃
// description: >
//   For each node (by element id) in `ids`, its neighbours not in `exclude`, with person records
//   collapsed: a Person's calls, measures, services and council cases are reached through its
//   records, and an event's people are shown as the resolved Person (or the record itself when
//   not yet resolved). At most `cap` per node (people and households first, then newest events);
//   `total` counts them all so the app can show "N more". `types`, when given, keeps only
//   neighbours with one of those labels.
// mode: read
// params:
//   ids: {type: list, required: true, description: Element ids of the nodes to expand}
//   exclude: {type: list, default: [], description: Element ids already shown}
//   cap: {type: int, default: 25, description: Most neighbours returned per node}
//   types: {type: list, default: null, description: Labels to keep (null = all)}
UNWIND $ids AS nid
MATCH (n) WHERE elementId(n) = nid
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE NOT m:PersonRecord AND NOT m:Load AND NOT m:ReviewDecision
  RETURN m, type(r) AS rel, r.role AS role, startNode(r) = n AS outgoing
  UNION
  MATCH (n:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[r]->(m)
  WHERE NOT m:Person AND NOT m:Address AND NOT m:Load
  RETURN m, type(r) AS rel, r.role AS role, true AS outgoing
  UNION
  MATCH (n)<-[r]-(pr:PersonRecord)
  WHERE NOT n:Person AND type(r) <> 'RESOLVES_TO'
  OPTIONAL MATCH (pr)-[:RESOLVES_TO]->(p:Person)
  RETURN coalesce(p, pr) AS m, type(r) AS rel, r.role AS role, false AS outgoing
}
WITH nid, m, rel, role, outgoing
WHERE NOT elementId(m) IN $exclude AND ($types IS NULL OR head(labels(m)) IN $types)
WITH nid, m, rel, role, outgoing,
     CASE head(labels(m)) WHEN 'Person' THEN 0 WHEN 'PersonRecord' THEN 0 WHEN 'Household' THEN 1
       WHEN 'Address' THEN 2 WHEN 'CouncilCase' THEN 3 WHEN 'Call' THEN 4 WHEN 'PoliceMeasure' THEN 5
       WHEN 'RiskAssessment' THEN 6 WHEN 'Service' THEN 7 WHEN 'CouncilMeasure' THEN 8 ELSE 9 END AS prio,
     coalesce(toString(m.received_at), toString(m.date), toString(m.meeting_date), toString(m.due_date), '') AS day
ORDER BY nid, prio, day DESC, elementId(m)
// node references are sorted and counted; properties are read only for the `cap` returned (an
// agency's 155 k national calls: collecting every property map took seconds)
WITH nid, collect({m: m, rel: rel, role: role, outgoing: outgoing}) AS found
WITH nid, found, size(COLLECT { UNWIND found AS f RETURN DISTINCT f.m }) AS total
RETURN nid, total,
       [f IN found[0..$cap] | {m: {id: elementId(f.m), label: head(labels(f.m)), props: properties(f.m)},
                               rel: f.rel, role: f.role, outgoing: f.outgoing}] AS items

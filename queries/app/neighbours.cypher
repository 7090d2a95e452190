// title: Explorer neighbours
// title_ko: 탐색 그래프 이웃
// description: >
//   For each node (by element id) in `ids` that is not an agency, its neighbours not in
//   `exclude`, with person records collapsed: a Person's calls, measures, services and council
//   cases are reached through its records, and an event's people are shown as the resolved Person
//   (or the record itself when not yet resolved). At most `cap` per node (people and households
//   first, then newest events); `total` counts them all and `kinds` per label (labels of one
//   priority class together), so the app can summarise what it does not show. `types`,
//   when given, keeps only neighbours with one of those labels. Agencies are expanded by
//   agency_neighbours.cypher: each query is planned in half the time of the one they were (a
//   household's first view plans three of these; cold, each took 3–16 s and ran into the 10 s
//   query limit in CI).
// mode: read
// params:
//   ids: {type: list, required: true, description: Element ids of the nodes to expand}
//   exclude: {type: list, default: [], description: Element ids already shown}
//   cap: {type: int, default: 25, description: Most neighbours returned per node}
//   types: {type: list, default: null, description: Labels to keep (null = all)}
// kinds:
//   nid: id
//   total: number
//   items: {m: node, rel: code, role: code, outgoing: code}
//   kinds: {labels: code, k: number}
UNWIND $ids AS nid
MATCH (n) WHERE elementId(n) = nid AND NOT n:Agency
// 1. Every distinct neighbour, counted per priority class (people, household, address, council
// case, call, police measure, assessment, service, council measure, other) without reading a
// property. Each class keeps up to 1,000 of its nodes: the classes that fit under the cap
// entirely, and a small boundary class, need no second walk. Record-borne relationships are
// named so that a node's other links are not read to look for person records.
CALL (n) {
  CALL (n) {
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
    WITH m, head(labels(m)) AS label
    WHERE NOT elementId(m) IN $exclude AND ($types IS NULL OR label IN $types)
    WITH label, count(*) AS k, collect(m)[0..1000] AS some
    RETURN label, k, some
  }
  WITH CASE label WHEN 'Person' THEN 0 WHEN 'PersonRecord' THEN 0 WHEN 'Household' THEN 1
         WHEN 'Address' THEN 2 WHEN 'CouncilCase' THEN 3 WHEN 'Call' THEN 4 WHEN 'PoliceMeasure' THEN 5
         WHEN 'RiskAssessment' THEN 6 WHEN 'Service' THEN 7 WHEN 'CouncilMeasure' THEN 8 ELSE 9 END AS prio,
       label, k, some
  WITH prio, sum(k) AS k, collect(label) AS labels, reduce(a = [], s IN collect(some) | a + s)[0..1000] AS some
  ORDER BY prio
  RETURN collect({prio: prio, k: k, some: some, labels: labels}) AS classes, sum(k) AS total
}
// 2. Classes are taken whole while they fit under the cap; the first that does not is the
// boundary class, of which only the newest `need` are wanted.
WITH nid, n, total, classes,
     [i IN range(0, size(classes) - 1)
      | reduce(s = 0, c IN classes[0..i] | s + c.k)] AS before
WITH nid, n, total, [c IN classes | {labels: c.labels, k: c.k}] AS kinds,
     [i IN range(0, size(classes) - 1) WHERE before[i] + classes[i].k <= $cap | classes[i]] AS whole,
     head([i IN range(0, size(classes) - 1) WHERE before[i] < $cap AND before[i] + classes[i].k > $cap
           | {k: classes[i].k, some: classes[i].some, labels: classes[i].labels, need: $cap - before[i]}]) AS edge
// 3. The boundary class's newest `need` (ordered as the page orders: date text descending, then
// element id): from its kept nodes when it is small; through the calls' date index when it is a
// large class of calls (the newest calls of any station are among the newest calls overall); by
// a walk with a top-k sort otherwise.
OPTIONAL CALL (n, edge) {
  // The bound is null unless this path applies: a seek with a null bound reads nothing (a plain
  // WHERE on `edge` would let the planner scan the index before testing it).
  WITH n, edge, CASE WHEN edge.k > 1000 AND edge.labels = ['Call'] THEN localdatetime('+999999999-12-31T23:59:59.999999999') END AS top
  MATCH (m:Call) WHERE m.received_at <= top AND EXISTS { (m)--(n) } AND NOT elementId(m) IN $exclude
  WITH n, edge, m ORDER BY m.received_at DESC LIMIT $cap
  WITH n, edge, collect(m) AS newest
  WITH n, edge, newest[0..edge.need] AS newest WHERE size(newest) = edge.need
  // Calls sharing the last one's time are all read, so ties fall as the element ids say.
  WITH n, edge, last(newest).received_at AS oldest
  MATCH (m:Call) WHERE m.received_at >= oldest AND EXISTS { (m)--(n) } AND NOT elementId(m) IN $exclude
  WITH edge, m ORDER BY toString(m.received_at) DESC, elementId(m)
  WITH edge, collect(m) AS ms
  RETURN ms[0..edge.need] AS fast
}
OPTIONAL CALL (n, edge, fast) {
  WITH edge WHERE edge IS NOT NULL AND fast IS NULL AND edge.k <= 1000
  UNWIND edge.some AS m
  WITH edge, m, coalesce(toString(m.received_at), toString(m.date), toString(m.meeting_date), toString(m.due_date), '') AS day
  ORDER BY day DESC, elementId(m)
  WITH edge, collect(m) AS ms
  RETURN ms[0..edge.need] AS picked
  UNION ALL
  WITH n, edge WHERE edge IS NOT NULL AND fast IS NULL AND edge.k > 1000
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
  WITH edge, m WHERE head(labels(m)) IN edge.labels AND NOT elementId(m) IN $exclude
  WITH edge, m, coalesce(toString(m.received_at), toString(m.date), toString(m.meeting_date), toString(m.due_date), '') AS day
  ORDER BY day DESC, elementId(m)
  LIMIT $cap
  WITH edge, collect(m) AS ms
  RETURN ms[0..edge.need] AS picked
}
// 4. How each chosen neighbour is linked, read from its side (a chosen node has few links).
WITH nid, n, total, kinds, reduce(acc = [], c IN whole | acc + c.some) + coalesce(fast, picked, []) AS chosen
UNWIND chosen AS m
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
WITH nid, total, kinds, m, rel, role, outgoing,
     CASE head(labels(m)) WHEN 'Person' THEN 0 WHEN 'PersonRecord' THEN 0 WHEN 'Household' THEN 1
       WHEN 'Address' THEN 2 WHEN 'CouncilCase' THEN 3 WHEN 'Call' THEN 4 WHEN 'PoliceMeasure' THEN 5
       WHEN 'RiskAssessment' THEN 6 WHEN 'Service' THEN 7 WHEN 'CouncilMeasure' THEN 8 ELSE 9 END AS prio,
     coalesce(toString(m.received_at), toString(m.date), toString(m.meeting_date), toString(m.due_date), '') AS day
ORDER BY nid, prio, day DESC, elementId(m)
WITH nid, total, kinds, collect({m: m, rel: rel, role: role, outgoing: outgoing}) AS found
RETURN nid, total, kinds,
       [f IN found[0..$cap] | {m: {id: elementId(f.m), label: head(labels(f.m)), props: properties(f.m)},
                               rel: f.rel, role: f.role, outgoing: f.outgoing}] AS items

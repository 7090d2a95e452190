// title: Explorer neighbours of an agency
// title_ko: 탐색 그래프 기관 이웃
// description: >
//   neighbours.cypher for agencies: for each agency (by element id) in `ids`, its council cases,
//   calls, assessments, services, council measures and co-involved agencies not in `exclude`, at
//   most `cap` per agency (council cases first, then newest events), `total` counting them all
//   and `kinds` per label (as neighbours.cypher).
//   Built so a national police station (≈250 k links) reads properties only for what it returns.
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
MATCH (n:Agency) WHERE elementId(n) = nid
// 1. Every distinct neighbour, counted per priority class (council case, call, assessment,
// service, council measure, agency) without reading a property. An agency (a national station
// has ≈250 k links) is walked by relationship type, and its calls and council measures, the only
// nodes HANDLED_BY / ASSIGNED_TO it, are counted by degree (tests/integration/
// test_explorer_neighbours.py checks which links an agency has). Each class keeps up to 1,000 of
// its nodes: the classes that fit under the cap entirely, and a small boundary class, need no
// second walk.
CALL (n) {
  CALL (n) {
    CALL (n) {
      WITH n WHERE $types IS NULL OR 'CouncilCase' IN $types
      MATCH (n)-[:SUBMITTED_BY|ATTENDED]-(m:CouncilCase) RETURN m
      UNION
      WITH n WHERE $types IS NULL OR 'Agency' IN $types
      MATCH (n)-[:CO_INVOLVED]-(m:Agency) RETURN m
    }
    WITH m, head(labels(m)) AS label
    WHERE NOT elementId(m) IN $exclude AND ($types IS NULL OR label IN $types)
    WITH label, count(*) AS k, collect(m)[0..1000] AS some
    RETURN label, k, some
    UNION ALL
    CALL (n) {
      UNWIND $exclude AS xid
      MATCH (x) WHERE elementId(x) = xid
      RETURN sum(CASE WHEN x:Call AND EXISTS { (x)-[:HANDLED_BY]->(n) } THEN 1 ELSE 0 END) AS calls_shown,
             sum(CASE WHEN x:CouncilMeasure AND EXISTS { (x)-[:ASSIGNED_TO]->(n) } THEN 1 ELSE 0 END) AS measures_shown
    }
    UNWIND [{label: 'Call', k: COUNT { (n)<-[:HANDLED_BY]-() } - calls_shown},
            {label: 'CouncilMeasure', k: COUNT { (n)<-[:ASSIGNED_TO]-() } - measures_shown}] AS c
    WITH n, c WHERE c.k > 0 AND ($types IS NULL OR c.label IN $types)
    OPTIONAL CALL (n, c) {
      WITH n, c WHERE c.k <= 1000 AND c.label = 'Call'
      MATCH (n)<-[:HANDLED_BY]-(m) WHERE NOT elementId(m) IN $exclude
      WITH c, collect(m) AS some
      RETURN some
      UNION ALL
      WITH n, c WHERE c.k <= 1000 AND c.label = 'CouncilMeasure'
      MATCH (n)<-[:ASSIGNED_TO]-(m) WHERE NOT elementId(m) IN $exclude
      WITH c, collect(m) AS some
      RETURN some
    }
    RETURN c.label AS label, c.k AS k, coalesce(some, []) AS some
    UNION ALL
    // Assessments and services (a counselling centre gives ≈140 k): when the agency's council
    // cases and calls already fill the cap, they are only counted, by degree (a service both given
    // and referred by the agency is one neighbour); otherwise walked once, each label read once.
    WITH n WHERE $types IS NULL OR 'RiskAssessment' IN $types OR 'Service' IN $types
    CALL (n) {
      UNWIND $exclude AS xid
      MATCH (x) WHERE elementId(x) = xid
      RETURN sum(CASE WHEN x:Call AND EXISTS { (x)-[:HANDLED_BY]->(n) } THEN 1 ELSE 0 END) AS calls_shown,
             sum(CASE WHEN (x:RiskAssessment OR x:Service) AND EXISTS { (x)-[:BY_AGENCY|REFERRED_BY]->(n) } THEN 1 ELSE 0 END) AS records_shown
    }
    WITH n, records_shown,
         ($types IS NULL OR ('RiskAssessment' IN $types AND 'Service' IN $types))
         AND (CASE WHEN $types IS NULL OR 'Call' IN $types THEN COUNT { (n)<-[:HANDLED_BY]-() } - calls_shown ELSE 0 END)
           + (CASE WHEN $types IS NULL OR 'CouncilCase' IN $types
                   THEN COUNT { MATCH (n)-[:SUBMITTED_BY|ATTENDED]-(m:CouncilCase) WHERE NOT elementId(m) IN $exclude RETURN DISTINCT m }
                   ELSE 0 END) >= $cap AS counted
    CALL (n, counted, records_shown) {
      WITH n, records_shown WHERE counted
      CALL (n) {
        MATCH (n)<-[:REFERRED_BY]-(s)-[:BY_AGENCY]->(n)
        RETURN count(s) AS both
      }
      // One class for both kinds (ranked as assessments): it lies past the cap, only its count is read.
      RETURN 'RiskAssessment' AS label,
             COUNT { (n)<-[:BY_AGENCY]-() } + COUNT { (n)<-[:REFERRED_BY]-() } - both - records_shown AS k, [] AS some
      UNION ALL
      WITH n WHERE NOT counted
      MATCH (n)<-[:BY_AGENCY|REFERRED_BY]-(m)
      WITH DISTINCT m
      WITH m, head(labels(m)) AS label
      WHERE NOT elementId(m) IN $exclude AND ($types IS NULL OR label IN $types)
      RETURN label, count(*) AS k, collect(m)[0..1000] AS some
    }
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
// `kinds` tells the explorer what each class holds (it summarises large ones): the class only
// counted (kept nodes empty, yet a count) holds assessments and services both.
WITH nid, n, total,
     [c IN classes | {labels: CASE WHEN c.labels = ['RiskAssessment'] AND c.k > 0 AND size(c.some) = 0
                                   THEN ['RiskAssessment', 'Service'] ELSE c.labels END, k: c.k}] AS kinds,
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
  CALL (n, edge) {
    WITH n WHERE 'RiskAssessment' IN edge.labels
    MATCH (n)<-[:BY_AGENCY]-(m:RiskAssessment) RETURN m
    UNION
    WITH n WHERE 'Service' IN edge.labels
    MATCH (n)<-[:BY_AGENCY|REFERRED_BY]-(m:Service) RETURN m
    UNION
    WITH n WHERE 'CouncilCase' IN edge.labels
    MATCH (n)-[:SUBMITTED_BY|ATTENDED]-(m:CouncilCase) RETURN m
    UNION
    WITH n WHERE 'CouncilMeasure' IN edge.labels
    MATCH (n)<-[:ASSIGNED_TO]-(m) RETURN m
    UNION
    WITH n WHERE 'Call' IN edge.labels
    MATCH (n)<-[:HANDLED_BY]-(m) RETURN m
    UNION
    WITH n WHERE 'Agency' IN edge.labels
    MATCH (n)-[:CO_INVOLVED]-(m:Agency) RETURN m
  }
  WITH edge, m WHERE NOT elementId(m) IN $exclude
  WITH edge, m, coalesce(toString(m.received_at), toString(m.date), toString(m.meeting_date), toString(m.due_date), '') AS day
  ORDER BY day DESC, elementId(m)
  LIMIT $cap
  WITH edge, collect(m) AS ms
  RETURN ms[0..edge.need] AS picked
}
// 4. How each chosen neighbour is linked, read from its side (a chosen node has few links;
// no person or record is ever an agency's neighbour).
WITH nid, n, total, kinds, reduce(acc = [], c IN whole | acc + c.some) + coalesce(fast, picked, []) AS chosen
UNWIND chosen AS m
CALL (n, m) {
  MATCH (n)-[r]-(m)
  WHERE NOT m:PersonRecord AND NOT m:Load AND NOT m:ReviewDecision
  RETURN type(r) AS rel, r.role AS role, startNode(r) = n AS outgoing
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

// title: Calls for the risk history (analytics pull, one page)
// description: >
//   The next `page` calls by call_id after `after`, whatever their date: the attributes the risk
//   features read, whether a restraining order was made for the call and the agencies that handled
//   it (who was involved: risk_history_involvements.cypher). One record per page: `nodes` calls
//   read, the `last` call_id, and `rows`, one list per call in the order `columns` names (the
//   driver decodes one large record many times faster than a record per call). Cut-offs are
//   applied in Python (queries/risk_history.py, queries/risk_snapshot.py).
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (c:Call) WHERE c.call_id > $after
WITH c ORDER BY c.call_id LIMIT $page
WITH count(c) AS nodes, max(c.call_id) AS last,
     collect([c.call_id, toString(c.received_at), c.priority, c.weapon, c.injury, c.outcome, c.child_present,
              c.category,
              EXISTS { (c)<-[:FOR_CALL]-(m:PoliceMeasure)
                       WHERE m.type STARTS WITH '임시조치' OR m.type STARTS WITH '잠정조치'
                          OR m.type IN ['긴급임시조치', '긴급응급조치'] },
              COLLECT { MATCH (c)-[:HANDLED_BY]->(a:Agency) RETURN DISTINCT a.agency_id }]) AS rows
RETURN nodes, last, ['call_id', 'at', 'priority', 'weapon', 'injury', 'outcome', 'child_present', 'category',
                     'order', 'agencies'] AS columns, rows

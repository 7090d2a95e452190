// title: Police measures for the risk history (analytics pull, one page)
// description: >
//   The next `page` police measures of one of the given `types` (protection, a smartwatch …) by
//   measure_id after `after`, whatever their date: type, date and the resolved people who are
//   their subject. One record per page: `nodes`, `last` and `rows`, one list per measure in the
//   order `columns` names. Used by queries/risk_history.py.
// mode: read
// params:
//   types: {type: list, required: true, description: Measure types to read}
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (m:PoliceMeasure) WHERE m.measure_id > $after AND m.type IN $types
WITH m ORDER BY m.measure_id LIMIT $page
WITH count(m) AS nodes, max(m.measure_id) AS last,
     collect([m.measure_id, m.type, toString(m.date),
              COLLECT { MATCH (m)<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(p:Person)
                        RETURN DISTINCT p.person_id }]) AS rows
RETURN nodes, last, ['measure_id', 'type', 'date', 'people'] AS columns, rows

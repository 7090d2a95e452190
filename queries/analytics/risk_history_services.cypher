// title: Services for the risk history (analytics pull, one page)
// description: >
//   The next `page` services by service_key after `after`, whatever their date: date, field, the
//   agencies that gave them and the resolved people they were given to. One record per page:
//   `nodes`, `last` and `rows`, one list per service in the order `columns` names. Used by
//   queries/risk_history.py.
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (sv:Service) WHERE sv.service_key > $after
WITH sv ORDER BY sv.service_key LIMIT $page
WITH count(sv) AS nodes, max(sv.service_key) AS last,
     collect([sv.service_key, toString(sv.date), sv.field,
              COLLECT { MATCH (sv)-[:BY_AGENCY]->(a:Agency) RETURN DISTINCT a.agency_id },
              COLLECT { MATCH (sv)<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(p:Person)
                        RETURN DISTINCT p.person_id }]) AS rows
RETURN nodes, last, ['service_key', 'date', 'field', 'agencies', 'people'] AS columns, rows
